using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The room commands of protocol version 2: <c>/join</c>, <c>/part</c>, <c>/rooms</c>,
/// <c>/topic</c>, <c>/nick</c> and <c>/away</c>. Each is a request to the server that goes out
/// through the same paced queue as lines (the server counts them alike) and whose answer, or
/// refusal, is shown in the window it concerns. A version-1 server has none of them: they say so.
/// </summary>
public sealed partial class ChatViewModel
{
    private IReadOnlyList<string> _listedRooms = [];

    /// <summary>The rooms Tab completes: those with a window, then those the last <c>/rooms</c> listed.</summary>
    public IReadOnlyList<string> KnownRooms =>
        [.. Windows.All.OfType<RoomWindowViewModel>().Where(r => r.Room.Length > 0).Select(r => r.Room)
            .Concat(_listedRooms).Distinct(RoomNameRules.Comparer)];

    private async Task<bool> JoinAsync(string room)
    {
        var problem = RoomNameRules.Check(room);
        if (problem != RoomNameProblem.None)
        {
            Current.Add(_lines.Local(LogKind.Info, RoomNameRules.Describe(problem, TextSanitizer.Sanitize(room)) + " Usage: /join #room"));
            return false;
        }

        if (Windows.FindRoom(room) is { IsJoined: true } open)
        {
            // IRC's way: joining a room one is in shows its window.
            Windows.Select(open);
            return true;
        }

        return await RequestAsync($"Joining {room}", async (client, ct) =>
        {
            var joined = await client.JoinRoomAsync(room, ct).ConfigureAwait(false);
            _ui.Post(() => ShowJoined(joined, select: true));
        });
    }

    private async Task<bool> PartAsync(string? named, string text)
    {
        if (named is null && Current is PrivateWindowViewModel)
        {
            CloseCurrent();
            return true;
        }

        if (named is null && Current is RoomWindowViewModel { IsJoined: false } gone)
        {
            Windows.Remove(gone);
            return true;
        }

        var room = named ?? ((RoomWindowViewModel)Current).Room;
        if (!CheckText(text, MaxTextLength))
        {
            return false;
        }

        return await RequestAsync($"Leaving {room}", async (client, ct) =>
        {
            await client.LeaveRoomAsync(room, text, ct).ConfigureAwait(false);
            _ui.Post(() => ShowLeft(room, LeaveReason.Parted));
        });
    }

    private Task<bool> ListRoomsAsync()
    {
        var window = Current;
        return RequestAsync("Listing the rooms", async (client, ct) =>
        {
            var rooms = await client.ListRoomsAsync(ct).ConfigureAwait(false);
            _ui.Post(() => ShowRooms(window, rooms));
        });
    }

    private void ShowRooms(WindowViewModel window, IReadOnlyList<RoomInfo> rooms)
    {
        _listedRooms = [.. rooms.Select(r => r.Name)];
        var lines = new List<LogLine> { _lines.Local(LogKind.Info, $"Rooms on {ServerName} ({rooms.Count}):") };
        var width = rooms.Count == 0 ? 0 : rooms.Max(r => r.Name.Length);
        foreach (var room in rooms)
        {
            var name = TextSanitizer.Sanitize(room.Name);
            var mine = Windows.FindRoom(room.Name) is { IsJoined: true } ? "*" : " ";
            var count = $"{room.UserCount} {(room.UserCount == 1 ? "user" : "users")}";
            var topic = TextSanitizer.Sanitize(room.Topic);
            lines.Add(_lines.Local(LogKind.Info, $"{mine} {name.PadRight(width)}  {count,9}{(topic.Length > 0 ? "  " + topic : string.Empty)}"));
        }

        lines.Add(_lines.Local(LogKind.Info, rooms.Count == 0 ? "No rooms. /join #room makes one." : "* you are in it · /join #room joins one"));
        window.AddRange(lines);
    }

    private async Task<bool> TopicAsync(string? topic, string? named)
    {
        if (!SupportsRooms)
        {
            SayNoRooms();
            return true;
        }

        if (named is not null)
        {
            return await TopicOfAsync(named, topic);
        }

        if (Current is not RoomWindowViewModel { Room.Length: > 0 } room)
        {
            Current.Add(_lines.Local(LogKind.Info, "/topic works in a room's window: this one is a private conversation."));
            return true;
        }

        if (topic is null)
        {
            ShowTopic(room);
            return true;
        }

        return await SetTopicAsync(room.Room, topic);
    }

    private void ShowTopic(RoomWindowViewModel room) =>
        room.Add(_lines.Local(LogKind.Info, room.Topic.Length > 0
            ? $"The topic of {room.Label}: {room.Topic}"
            : $"{room.Label} has no topic. /topic <text> sets one."));

    /// <summary>
    /// Sets the topic of a room this user is in; when the server does not allow it and this user
    /// is an operator, sets it as the operator instead.
    /// </summary>
    private async Task<bool> SetTopicAsync(string name, string topic)
    {
        if (!CheckText(topic, ProtocolInfo.MaxTopicLength, "A topic"))
        {
            return false;
        }

        var window = Current;
        return await RequestAsync($"Setting the topic of {name}", async (client, ct) =>
        {
            try
            {
                await client.SetTopicAsync(name, topic, ct).ConfigureAwait(false);
            }
            catch (ChatRequestException ex) when (ex.Code == ErrorCode.NotAllowed && client.IsOperator)
            {
                await RunOperatorLineAsync(client, window, TopicLine(name, topic), ct).ConfigureAwait(false);
            }
        });
    }

    private async Task<bool> NickAsync(string name, string password)
    {
        var problem = UserNameRules.Check(name);
        if (problem != UserNameProblem.None)
        {
            Current.Add(_lines.Local(LogKind.Info, UserNameRules.Describe(problem, TextSanitizer.Sanitize(name))));
            return false;
        }

        if (name == UserName)
        {
            Current.Add(_lines.Local(LogKind.Info, $"You are {UserName} already."));
            return true;
        }

        if (password.Length > 0 && !_settings.Tls && !ConfirmPlaintextPassword("/nick with a password"))
        {
            return true;
        }

        var window = Current;
        var sameName = UserNameRules.Comparer.Equals(name, UserName);
        return await RequestAsync($"Changing your name to {name}", async (client, ct) =>
        {
            try
            {
                await client.ChangeNameAsync(name, password, ct).ConfigureAwait(false);
                _ui.Post(() => AfterRename(password, sameName));
            }
            catch (ChatRequestException ex) when (ex.Code == ErrorCode.NameRegistered)
            {
                var shown = TextSanitizer.Sanitize(name);
                var text = password.Length == 0
                    ? $"{shown} is registered: it can be used only with its password. /nick {shown} <password> takes it."
                    : $"{shown} is registered, and that password is not its password.";
                _ui.Post(() => WindowOrCurrent(window).Add(_lines.Local(LogKind.Error, text)));
            }
        });
    }

    private async Task<bool> AwayAsync(string text)
    {
        if (!CheckText(text, ProtocolInfo.MaxAwayTextLength, "An away text"))
        {
            return false;
        }

        if (text.Length == 0 && AwayText.Length == 0)
        {
            Current.Add(_lines.Local(LogKind.Info, "You are not away. /away <text> marks you away."));
            return true;
        }

        return await RequestAsync(text.Length > 0 ? "Marking you away" : "Marking you back", (client, ct) => client.SetAwayAsync(text, ct));
    }

    /// <summary>Whether <paramref name="text"/> follows the text rules within <paramref name="limit"/>; if not, says why.</summary>
    private bool CheckText(string text, int limit, string what = "")
    {
        var problem = TextRules.Check(text, limit);
        if (problem == TextProblem.None || (text.Length == 0 && problem == TextProblem.Empty))
        {
            return true;
        }

        var reason = TextRules.Describe(problem, limit);
        Current.Add(_lines.Local(LogKind.Info, (what.Length > 0 ? $"{what}: {reason}" : reason) + " Nothing was sent."));
        return false;
    }

    /// <summary>
    /// Sends a request through the paced queue (the server's rate limit counts it like a line);
    /// its refusal or failure is told in the window in view when it was made.
    /// </summary>
    /// <param name="what">What is being done, for the message when it fails ("Joining #dev").</param>
    /// <param name="request">The request; it shows its own answer (on the UI thread).</param>
    /// <returns><see langword="false"/> when it could not be sent (not connected), so the typed line stays.</returns>
    private async Task<bool> RequestAsync(string what, Func<ChatClient, CancellationToken, Task> request)
    {
        if (!SupportsRooms)
        {
            SayNoRooms();
            return true;
        }

        var window = Current;
        return await DispatchAsync(async (client, ct) =>
        {
            try
            {
                await request(client, ct).ConfigureAwait(false);
            }
            catch (ChatRequestException ex)
            {
                var text = TextSanitizer.Sanitize(ex.Message);
                _ui.Post(() => (ex.Room.Length > 0 && Windows.FindRoom(ex.Room) is { } room ? room : WindowOrCurrent(window))
                    .Add(_lines.Local(LogKind.Error, text)));
            }
            catch (ChatException ex) when (!ct.IsCancellationRequested)
            {
                var text = $"{what} failed: {ProblemText.Describe(ex)}";
                _ui.Post(() => WindowOrCurrent(window).Add(_lines.Local(LogKind.Error, text)));
            }
        });
    }

    private void SayNoRooms() =>
        Current.Add(_lines.Local(LogKind.Info,
            $"{ServerName} does not support rooms (it speaks protocol version 1): /join, /part, /rooms, /topic, /nick and /away need a newer server. Nothing was sent."));

    /// <summary>The window, if it is still open; otherwise the one in view.</summary>
    private WindowViewModel WindowOrCurrent(WindowViewModel window) => Windows.All.Contains(window) ? window : Current;

    /// <summary>After a reconnect to a server with rooms: back into the rooms this user was in (the default room the server joins by itself).</summary>
    private void RejoinRooms()
    {
        if (!SupportsRooms)
        {
            return;
        }

        foreach (var room in Windows.All.OfType<RoomWindowViewModel>().Where(r => r.IsJoined && !RoomNameRules.Comparer.Equals(r.Room, _defaultRoom)).ToList())
        {
            var name = room.Room;
            room.Empty(joined: false);
            _ = RequestAsync($"Joining {name} again", async (client, ct) =>
            {
                var joined = await client.JoinRoomAsync(name, ct).ConfigureAwait(false);
                _ui.Post(() => ShowJoined(joined, select: false));
            });
        }
    }
}
