using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

public sealed partial class RoomViewModel
{
    private readonly InputHistory _history = new();
    private readonly NickCompleter _completer = new();

    /// <summary>Handles a line the user entered. Call on the UI thread.</summary>
    /// <param name="input">The line as typed.</param>
    /// <returns>
    /// <see langword="true"/> when the input line should be cleared; <see langword="false"/> when the
    /// line was refused (too long, not connected) and stays for the user to fix.
    /// </returns>
    public async Task<bool> SubmitAsync(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _completer.Reset();
        var command = CommandParser.Parse(input);
        _history.Add(input);
        switch (command)
        {
            case NoCommand:
                return true;
            case QuitCommand quit:
                await QuitAsync(quit.Message);
                return true;
            case HelpCommand:
                Log.AddRange(CommandParser.Help.Select(h => Local(LogKind.Info, h)));
                return true;
            case WhoCommand:
                Log.Add(Local(LogKind.Info, $"In the room ({Users.Count}): {string.Join(", ", Users)}"));
                return true;
            case ToggleUsersCommand:
                ToggleUserList();
                return true;
            case ReconnectCommand:
                ReconnectNow();
                return true;
            case ClearCommand:
                Log.Clear();
                _unseen = _unseenAlerts = 0;
                SetConnectionStatus(_connectionStatus);
                return true;
            case IgnoreCommand ignore:
                Ignore(ignore.Name);
                return true;
            case UnignoreCommand unignore:
                Unignore(unignore.Name);
                return true;
            case ReplyCommand reply:
                return await ReplyAsync(reply.Text);
            case InvalidCommand invalid:
                Log.Add(Local(LogKind.Info, invalid.Hint));
                return true;
            case SayCommand say:
                return await SendAsync(say.Text, (s, ct) => s.SendAsync(say.Text, ct));
            case ActionCommand action:
                return await SendAsync(action.Text, (s, ct) => s.SendActionAsync(action.Text, ct));
            case PrivateCommand direct:
                if (UserNameRules.Check(direct.To) != UserNameProblem.None)
                {
                    Log.Add(Local(LogKind.Info, $"\"{direct.To}\" is not a user name. Usage: /msg <name> <text>"));
                    return false;
                }

                return await SendAsync(direct.Text, (s, ct) => s.SendPrivateAsync(direct.To, direct.Text, ct));
            default:
                return true;
        }
    }

    /// <summary>Shows the user list when hidden and hides it when shown (F2, <c>/users</c>).</summary>
    public void ToggleUserList()
    {
        UserListShown = !UserListShown;
        UserListShownChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>The previous entry of the input history (Up).</summary>
    /// <param name="current">What the input line holds now.</param>
    /// <returns>The text to show, or <see langword="null"/> to leave the line as it is.</returns>
    public string? RecallPrevious(string current) => _history.Previous(current);

    /// <summary>The next entry of the input history (Down).</summary>
    /// <returns>The text to show, or <see langword="null"/> to leave the line as it is.</returns>
    public string? RecallNext() => _history.Next();

    /// <summary>Completes the nickname before the cursor (Tab); each further Tab cycles through the matches.</summary>
    /// <param name="line">The input line.</param>
    /// <param name="cursor">The cursor position.</param>
    /// <returns>The completed line and cursor, or <see langword="null"/> when no name matches.</returns>
    public Completion? Complete(string line, int cursor) => _completer.Complete(line, cursor, Users, UserName);

    /// <summary>Leaves the room (the others see <paramref name="message"/>), closes the connection and raises <see cref="QuitRequested"/>.</summary>
    /// <param name="message">The parting message.</param>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async Task QuitAsync(string message = "")
    {
        if (State == ConnectionState.Closed)
        {
            return;
        }

        State = ConnectionState.Closed;
        SetConnectionStatus("Leaving…");
        if (Interlocked.Exchange(ref _client, null) is { } client)
        {
            try
            {
                await client.LeaveAsync(message).WaitAsync(LeaveTimeout);
            }
            catch (Exception ex) when (ex is ChatException or TimeoutException or IOException or ObjectDisposedException)
            {
                // Leaving anyway: the connection is closed below.
            }

            await DisposeQuietlyAsync(client);
        }

        await _stopping.CancelAsync();
        _ui.Post(() => QuitRequested?.Invoke(this, EventArgs.Empty));
    }

    private static TimeSpan LeaveTimeout => TimeSpan.FromSeconds(5);

    private async Task<bool> SendAsync(string text, Func<ChatClient, CancellationToken, ValueTask> send)
    {
        var problem = TextRules.Check(text, MaxTextLength);
        if (problem != TextProblem.None)
        {
            Log.Add(Local(LogKind.Info, TextRules.Describe(problem, MaxTextLength) + " Nothing was sent."));
            return false;
        }

        var client = _client;
        if (client is null || State != ConnectionState.Connected)
        {
            Log.Add(Local(LogKind.Info, "Not connected: nothing was sent. The line stays in the input until you are back."));
            return false;
        }

        if (!TryTakeDirect())
        {
            // Lines are waiting, or the server's rate would refuse this one: it goes out in turn.
            Enqueue(send);
            SetConnectionStatus(_connectionStatus);
            return true;
        }

        try
        {
            await send(client, _stopping.Token);
            return true;
        }
        catch (Exception ex) when (ex is ChatException or OperationCanceledException or ObjectDisposedException)
        {
            _ui.Post(() => Log.Add(Local(LogKind.Error, "Not sent: " + ProblemText.Describe(ex))));
            return false;
        }
    }
}
