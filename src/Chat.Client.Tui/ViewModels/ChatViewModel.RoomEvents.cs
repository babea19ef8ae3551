using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The messages of protocol version 2 about rooms: joining and leaving one, its topic, and
/// renames and away notices, each shown in the windows it concerns.
/// </summary>
public sealed partial class ChatViewModel
{
    /// <summary>This user's away text, or an empty string when not away.</summary>
    public string AwayText { get; private set; } = string.Empty;

    private void ApplyRoomEvent(ChatMessage message)
    {
        switch (message)
        {
            case RoomJoined joined:
                ShowJoined(joined, select: false);
                break;
            case RoomLeft left:
                ShowLeft(left.Room, left.Reason);
                break;
            case TopicChanged topic when RoomFor(topic.Room) is { } room:
                var text = TextSanitizer.Sanitize(topic.Topic);
                var by = TextSanitizer.Sanitize(topic.SetBy);
                room.SetTopic(text);
                room.Add(_lines.Line(LogKind.Notice, topic.Timestamp, string.Empty, text.Length > 0
                    ? $"{by} changed the topic of {room.Label} to: {text}"
                    : $"{by} cleared the topic of {room.Label}"));
                break;
            case UserRenamed renamed:
                ShowRenamed(renamed);
                break;
            case UserAway away:
                ShowAway(away);
                break;
        }
    }

    /// <summary>
    /// This user is in a room: its window opens (or is brought up to date, once more after a
    /// reconnect), with the room's users, topic and the lines it has not shown yet.
    /// </summary>
    private RoomWindowViewModel ShowJoined(RoomJoined joined, bool select)
    {
        var room = Windows.FindRoom(joined.Room);
        var opened = room is null || !room.IsJoined;
        if (room is null)
        {
            room = new RoomWindowViewModel(joined.Room, joined.Room);
            Watch(room);
            Windows.Add(room);
        }

        var topic = TextSanitizer.Sanitize(joined.Topic);
        room.Reset(joined.Users.Append(UserName), joined.AwayUsers, topic);
        var lines = new List<LogLine>();
        if (opened)
        {
            var count = joined.UserCount > 0 ? joined.UserCount : room.Users.Count;
            lines.Add(_lines.Local(LogKind.Info, $"You are now in {room.Label} ({count} {(count == 1 ? "user" : "users")})."));
            lines.Add(_lines.Local(LogKind.Info, topic.Length > 0 ? $"Topic: {topic}" : "No topic is set."));
        }

        room.History.StartPendingIdSpace();
        var newestBefore = room.History.NewestId;
        lines.AddRange(NewLines(room, joined.Recent));
        room.AddRange(lines);
        if (!opened)
        {
            FillBetween(room, newestBefore, joined.Recent);
        }

        if (select)
        {
            Windows.Select(room);
        }

        return room;
    }

    /// <summary>This user is no longer in a room: after a /part its window closes; otherwise it stays, saying why.</summary>
    private void ShowLeft(string roomName, LeaveReason reason)
    {
        if (Windows.FindRoom(roomName) is not { IsJoined: true } room)
        {
            return;
        }

        room.Empty(joined: false);
        if (reason == LeaveReason.Parted && Windows.Remove(room))
        {
            return;
        }

        room.Add(_lines.Local(LogKind.Info, reason switch
        {
            LeaveReason.Parted => $"You left {room.Label}. /join {room.Label} goes back.",
            LeaveReason.Kicked => $"You were removed from {room.Label}.",
            _ => $"You are no longer in {room.Label}.",
        }));
    }

    private void ShowRenamed(UserRenamed renamed)
    {
        var oldName = TextSanitizer.Sanitize(renamed.OldName);
        var newName = TextSanitizer.Sanitize(renamed.NewName);
        var mine = UserNameRules.Comparer.Equals(renamed.OldName, UserName);
        if (mine && renamed.NewName != UserName)
        {
            UserName = renamed.NewName;
            UsersChanged?.Invoke(this, EventArgs.Empty);
            TerminalTitleChanged?.Invoke(this, EventArgs.Empty);
            if (State == ConnectionState.Connected)
            {
                SetConnectionStatus(ConnectedStatus());
            }
        }

        var text = mine ? $"You are now known as {newName}" : $"is now known as {newName}";
        if (renamed.Room.Length > 0 && RoomFor(renamed.Room) is { } room)
        {
            room.Rename(renamed.OldName, renamed.NewName);
            room.Add(_lines.Now(LogKind.Presence, mine ? string.Empty : oldName, text));
        }
        else if (renamed.Room.Length == 0 && mine)
        {
            Current.Add(_lines.Now(LogKind.Presence, string.Empty, text));
        }

        if (!mine && Windows.FindPrivate(renamed.OldName) is { } conversation)
        {
            conversation.Rename(newName);
            conversation.Add(_lines.Now(LogKind.Presence, oldName, text));
        }

        if (_lastPrivateFrom is { } last && UserNameRules.Comparer.Equals(last, renamed.OldName))
        {
            _lastPrivateFrom = renamed.NewName;
        }
    }

    private void ShowAway(UserAway away)
    {
        var name = TextSanitizer.Sanitize(away.UserName);
        var text = TextSanitizer.Sanitize(away.Text);
        var mine = UserNameRules.Comparer.Equals(away.UserName, UserName);
        var said = (mine, text.Length > 0) switch
        {
            (true, true) => $"You are away: {text} (/away alone to come back)",
            (true, false) => "You are back.",
            (false, true) => $"is away: {text}",
            (false, false) => "is back",
        };
        if (mine && AwayText != text)
        {
            AwayText = text;
            if (State == ConnectionState.Connected)
            {
                SetConnectionStatus(ConnectedStatus());
            }
        }

        if (away.Room.Length > 0 && RoomFor(away.Room) is { } room)
        {
            room.SetAway(away.UserName, text);
            room.Add(_lines.Now(LogKind.Presence, mine ? string.Empty : name, said));
        }
        else if (away.Room.Length == 0 && mine)
        {
            Current.Add(_lines.Now(LogKind.Presence, string.Empty, said));
        }

        if (!mine && Windows.FindPrivate(away.UserName) is { } conversation)
        {
            conversation.SetAway(text);
        }
    }
}
