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
        if (!CommandParser.HoldsPassword(command))
        {
            // A line with a password is not kept for Up to bring back.
            _history.Add(input);
        }

        switch (command)
        {
            case NoCommand:
                return true;
            case QuitCommand quit:
                await QuitAsync(quit.Message);
                return true;
            case HelpCommand:
                Current.AddRange([.. CommandParser.Help.Concat(IsOperator ? CommandParser.OperatorHelp : []).Select(h => _lines.Local(LogKind.Info, h))]);
                return true;
            case RegisterCommand register:
                return await RegisterAsync(register.Password);
            case OperatorCommand op:
                return await RunOperatorAsync(op);
            case WhoCommand:
                Who();
                return true;
            case SearchCommand search:
                return await SearchAsync(search.Words);
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
            case JoinCommand join:
                return await JoinAsync(join.Room);
            case PartCommand part:
                return await PartAsync(part.Room, part.Text);
            case RoomsCommand:
                return await ListRoomsAsync();
            case TopicCommand topic:
                return await TopicAsync(topic.Topic, topic.Room);
            case NickCommand nick:
                return await NickAsync(nick.Name, nick.Password);
            case AwayCommand away:
                return await AwayAsync(away.Text);
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
        _completer.Complete(line, cursor, Current is PrivateWindowViewModel conversation ? [conversation.Peer] : Users, UserName, KnownRooms);

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

    private async Task<bool> ActAsync(string text)
    {
        if (Current is PrivateWindowViewModel or SearchWindowViewModel)
        {
            Current.Add(_lines.Local(LogKind.Info, "/me works in a room's window: a private message carries text only, and a search's window none."));
            return false;
        }

        return CanSayIn(Current) && await SendAsync(text, ActIn(Current, text));
    }

    /// <summary>Whether a line can be said in <paramref name="window"/>; if not, says why in it.</summary>
    private bool CanSayIn(WindowViewModel window)
    {
        if (window is SearchWindowViewModel search)
        {
            window.Add(_lines.Local(LogKind.Info, $"This window shows a search of {search.RoomLabel}: say lines in a room's window (Alt+1..9). Nothing was sent."));
            return false;
        }

        if (window is RoomWindowViewModel { IsJoined: false } room)
        {
            window.Add(_lines.Local(LogKind.Info, $"You are not in {room.Label}: /join {room.Label} goes back in. Nothing was sent."));
            return false;
        }

        return true;
    }

    /// <summary>How a line said in <paramref name="window"/> goes out: to the other party of a conversation, or to the room (a version-1 server's one room has no name).</summary>
    private Func<ChatClient, CancellationToken, ValueTask> SayIn(WindowViewModel window, string text)
    {
        if (window is PrivateWindowViewModel conversation)
        {
            var peer = conversation.Peer;
            return (client, ct) => client.SendPrivateAsync(peer, text, ct);
        }

        var room = RoomOf(window);
        return room.Length > 0 ? (client, ct) => client.SendToRoomAsync(room, text, ct) : (client, ct) => client.SendAsync(text, ct);
    }

    /// <summary>How an action (<c>/me</c>) in a room's window goes out.</summary>
    private Func<ChatClient, CancellationToken, ValueTask> ActIn(WindowViewModel window, string text)
    {
        var room = RoomOf(window);
        return room.Length > 0 ? (client, ct) => client.SendActionToRoomAsync(room, text, ct) : (client, ct) => client.SendActionAsync(text, ct);
    }

    /// <summary>The room a room's window sends to: its name with a server that has rooms, otherwise none (the one room).</summary>
    private string RoomOf(WindowViewModel window) => SupportsRooms && window is RoomWindowViewModel room ? room.Room : string.Empty;

    private async Task<bool> SendAsync(string text, Func<ChatClient, CancellationToken, ValueTask> send)
    {
        var problem = TextRules.Check(text, MaxTextLength);
        if (problem != TextProblem.None)
        {
            Current.Add(_lines.Local(LogKind.Info, TextRules.Describe(problem, MaxTextLength) + " Nothing was sent."));
            return false;
        }

        return await DispatchAsync(send);
    }

    /// <summary>Sends now when the queue is empty and the pacer allows it, otherwise queues behind what waits.</summary>
    /// <returns><see langword="false"/> when not connected (nothing was sent).</returns>
    private async Task<bool> DispatchAsync(Func<ChatClient, CancellationToken, ValueTask> send)
    {
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
