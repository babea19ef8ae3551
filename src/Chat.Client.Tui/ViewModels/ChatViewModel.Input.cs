using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>What a typed line does: said in the window in view (its room, or its conversation), or a command.</summary>
public sealed partial class ChatViewModel
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
                Current.AddRange([.. CommandParser.Help.Select(h => _lines.Local(LogKind.Info, h))]);
                return true;
            case WhoCommand:
                Who();
                return true;
            case ToggleUsersCommand:
                ToggleUserList();
                return true;
            case ReconnectCommand:
                ReconnectNow();
                return true;
            case ClearCommand:
                Current.Clear();
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
                Current.Add(_lines.Local(LogKind.Info, invalid.Hint));
                return true;
            case WindowCommand window:
                SelectWindow(window.Number);
                return true;
            case CloseCommand:
                CloseCurrent();
                return true;
            case QueryCommand query:
                return Query(query.Name);
            case SayCommand say:
                return CanSayIn(Current) && await SendAsync(say.Text, SayIn(Current, say.Text));
            case ActionCommand action:
                return await ActAsync(action.Text);
            case PrivateCommand direct:
                if (!Query(direct.To))
                {
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

    /// <summary>Completes the word before the cursor (Tab): a name in the window in view, or a command; each further Tab cycles through the matches.</summary>
    /// <param name="line">The input line.</param>
    /// <param name="cursor">The cursor position.</param>
    /// <returns>The completed line and cursor, or <see langword="null"/> when nothing matches.</returns>
    public Completion? Complete(string line, int cursor) =>
        _completer.Complete(line, cursor, Current is PrivateWindowViewModel conversation ? [conversation.Peer] : Users, UserName);

    /// <summary>Brings the window with this number into view (Alt+1..9, <c>/window n</c>).</summary>
    /// <param name="number">1 for the first.</param>
    public void SelectWindow(int number)
    {
        if (!Windows.Select(number))
        {
            Current.Add(_lines.Local(LogKind.Info, Windows.All.Count == 1
                ? "There is only one window."
                : $"There is no window {number}: the windows are 1 to {Windows.All.Count}."));
        }
    }

    /// <summary>Brings the next window into view (Ctrl+N).</summary>
    public void NextWindow() => Windows.Next();

    /// <summary>Brings the previous window into view (Ctrl+P).</summary>
    public void PreviousWindow() => Windows.Previous();

    /// <summary>Leaves (the others see <paramref name="message"/>), closes the connection and raises <see cref="QuitRequested"/>.</summary>
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

    private void Who()
    {
        Current.Add(_lines.Local(LogKind.Info, Current switch
        {
            PrivateWindowViewModel conversation =>
                $"This window is a private conversation with {conversation.Peer}; /who in a room's window lists who is in it.",
            RoomWindowViewModel { Room.Length: 0 } => $"In the room ({Users.Count}): {string.Join(", ", Users)}",
            _ => $"In {Current.Label} ({Users.Count}): {string.Join(", ", Users)}",
        }));
    }

    /// <summary>Opens (or brings up) the window of a conversation with <paramref name="name"/>: <c>/query</c>, and <c>/msg</c> before it sends.</summary>
    private bool Query(string name)
    {
        if (UserNameRules.Check(name) != UserNameProblem.None)
        {
            Current.Add(_lines.Local(LogKind.Info, $"\"{TextSanitizer.Sanitize(name)}\" is not a user name. Usage: /msg <name> <text>, or /query <name>"));
            return false;
        }

        if (UserNameRules.Comparer.Equals(name, UserName))
        {
            Current.Add(_lines.Local(LogKind.Info, "That is you: private messages go to someone else."));
            return false;
        }

        OpenPrivate(name, select: true);
        return true;
    }

    /// <summary>Closes the window in view: a conversation's window; a room's is left with /part.</summary>
    private void CloseCurrent()
    {
        var window = Current;
        if (window is RoomWindowViewModel room && (room.IsJoined || !SupportsRooms))
        {
            Current.Add(_lines.Local(LogKind.Info, SupportsRooms
                ? $"You are in {room.Label}: /part leaves it and closes its window."
                : "This is the server's room: /quit leaves it."));
            return;
        }

        if (!Windows.Remove(window))
        {
            Current.Add(_lines.Local(LogKind.Info, "This is the last window: /quit leaves."));
        }
    }

    private async Task<bool> ActAsync(string text)
    {
        if (Current is PrivateWindowViewModel)
        {
            Current.Add(_lines.Local(LogKind.Info, "/me works in a room's window: a private message carries text only."));
            return false;
        }

        return CanSayIn(Current) && await SendAsync(text, ActIn(Current, text));
    }

    /// <summary>Whether a line can be said in <paramref name="window"/>; if not, says why in it.</summary>
    private bool CanSayIn(WindowViewModel window)
    {
        if (window is RoomWindowViewModel { IsJoined: false } room)
        {
            window.Add(_lines.Local(LogKind.Info, $"You are not in {room.Label}: /join {room.Label} goes back in. Nothing was sent."));
            return false;
        }

        return true;
    }

    /// <summary>How a line said in <paramref name="window"/> goes out: to the other party of a conversation, or to the room.</summary>
    private static Func<ChatClient, CancellationToken, ValueTask> SayIn(WindowViewModel window, string text)
    {
        if (window is PrivateWindowViewModel conversation)
        {
            var peer = conversation.Peer;
            return (client, ct) => client.SendPrivateAsync(peer, text, ct);
        }

        return (client, ct) => client.SendAsync(text, ct);
    }

    /// <summary>How an action (<c>/me</c>) in a room's window goes out.</summary>
    private static Func<ChatClient, CancellationToken, ValueTask> ActIn(WindowViewModel window, string text) =>
        (client, ct) => client.SendActionAsync(text, ct);

    private async Task<bool> SendAsync(string text, Func<ChatClient, CancellationToken, ValueTask> send)
    {
        var problem = TextRules.Check(text, MaxTextLength);
        if (problem != TextProblem.None)
        {
            Current.Add(_lines.Local(LogKind.Info, TextRules.Describe(problem, MaxTextLength) + " Nothing was sent."));
            return false;
        }

        var client = _client;
        if (client is null || State != ConnectionState.Connected)
        {
            Current.Add(_lines.Local(LogKind.Info, "Not connected: nothing was sent. The line stays in the input until you are back."));
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
            _ui.Post(() => Current.Add(_lines.Local(LogKind.Error, "Not sent: " + ProblemText.Describe(ex))));
            return false;
        }
    }
}
