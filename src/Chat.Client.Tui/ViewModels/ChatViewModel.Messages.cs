using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// Each message from the server goes to its window: a room's lines and presence to the room's
/// window (an empty room name is the default room, as a version-1 server sends it), a private
/// message to the conversation's window (opened by the first one), and what concerns no room
/// (server-wide notices, errors) to the window in view.
/// </summary>
public sealed partial class ChatViewModel
{
    /// <summary>Shows one message from the server. Runs on the UI thread; messages of an old session are ignored.</summary>
    private void Apply(ChatMessage message, ChatClient from)
    {
        if (!ReferenceEquals(from, _client))
        {
            return;
        }

        switch (message)
        {
            case TextPosted posted:
                ShowPosted(posted);
                break;
            case PrivateMessage direct:
                ShowPrivate(direct);
                break;
            case HistoryBatch { RequestId: 0 } catchUp:
                ShowCatchUp(catchUp);
                break;
            case Reconnecting reconnecting:
                ShowReconnecting(reconnecting);
                break;
            case Reconnected reconnected:
                ShowReconnected(reconnected);
                break;
            case UsersJoined joined when RoomFor(joined.Room) is { } room:
                var newcomers = joined.UserNames.Where(n => !room.Contains(n)).ToList();
                room.AddRange([.. newcomers.Select(n => _lines.Now(LogKind.Join, n, "joined"))]);
                room.Update(joined.UserNames, []);
                break;
            case UsersLeft left when RoomFor(left.Room) is { } room:
                room.AddRange([.. left.Departures.Select(d => _lines.Now(LogKind.Leave, d.UserName, DescribeDeparture(d)))]);
                room.Update([], left.Departures.Select(d => d.UserName));
                break;
            case ServerNotice notice:
                var noticeWindow = notice.Room.Length > 0 && Windows.FindRoom(notice.Room) is { } noticed ? noticed : Current;
                noticeWindow.Add(_lines.Line(LogKind.Notice, notice.Timestamp, string.Empty, TextSanitizer.Sanitize(notice.Text)));
                break;
            case ErrorMessage { Code: ErrorCode.Muted } muted:
                (muted.Room.Length > 0 && Windows.FindRoom(muted.Room) is { } mutedIn ? mutedIn : Current)
                    .Add(_lines.Local(LogKind.Error, DescribeMute(muted)));
                break;
            case ErrorMessage { Code: ErrorCode.Banned } banned:
                ShowElsewhere(null, _lines.Local(LogKind.Error, DescribeBan(banned)));
                break;
            case ErrorMessage error:
                var errorWindow = error.Room.Length > 0 && Windows.FindRoom(error.Room) is { } erred ? erred : Current;
                errorWindow.Add(_lines.Local(LogKind.Error, TextSanitizer.Sanitize(error.Text)));
                break;
            case ServerShutdown shutdown:
                ShowElsewhere(null, _lines.Local(LogKind.Error, DescribeShutdown(shutdown.Text)));
                break;
            default:
                ApplyRoomEvent(message);
                break;
        }
    }

    /// <summary>The window of a room this user is in; an empty name is the default room.</summary>
    private RoomWindowViewModel? RoomFor(string? room) =>
        Windows.FindRoom(string.IsNullOrEmpty(room) ? _defaultRoom : room) is { IsJoined: true } window ? window : null;

    private void ShowPosted(TextPosted posted)
    {
        if (RoomFor(posted.Room) is not { } room || !room.History.See(posted.Id) || IsIgnored(posted.Author))
        {
            return;
        }

        var line = ToLine(posted);
        room.Add(line);
        if (line.MentionsMe)
        {
            Alert(room);
        }
    }

    private void ShowPrivate(PrivateMessage direct)
    {
        var incoming = !UserNameRules.Comparer.Equals(direct.From, UserName);
        if (incoming && IsIgnored(direct.From))
        {
            return;
        }

        var window = OpenPrivate(incoming ? direct.From : direct.To, select: false);
        if (!window.History.See(direct.Id))
        {
            return;
        }

        window.Add(ToLine(direct));
        if (incoming)
        {
            _lastPrivateFrom = direct.From;
            Alert(window);
        }
        else if (direct.RecipientAway.Length > 0)
        {
            var away = TextSanitizer.Sanitize(direct.RecipientAway);
            window.SetAway(away);
            window.Add(_lines.Local(LogKind.Info, $"{window.Peer} is away: {away}"));
        }
    }

    internal static string DescribeShutdown(string text)
    {
        var reason = TextSanitizer.Sanitize(text).Trim();
        if (reason.Length == 0)
        {
            return "The server is shutting down.";
        }

        return reason.Contains("shutting down", StringComparison.OrdinalIgnoreCase) ? reason : $"The server is shutting down: {reason}";
    }

    private static string DescribeDeparture(Departure departure)
    {
        var text = TextSanitizer.Sanitize(departure.Text).Trim();
        var said = text.Length > 0 ? $" ({text})" : string.Empty;
        return departure.Reason switch
        {
            LeaveReason.Timeout => "timed out" + said,
            LeaveReason.Kicked => "was kicked" + said,
            LeaveReason.Error => "was disconnected" + said,
            LeaveReason.ServerShutdown => "left (the server is shutting down)",
            LeaveReason.Parted => "left the room" + said,
            LeaveReason.Renamed => text.Length > 0 ? $"is now known as {text}" : "changed name",
            _ => "left" + said,
        };
    }

    private LogLine ToLine(TextPosted posted, bool history = false)
    {
        var author = TextSanitizer.Sanitize(posted.Author);
        var text = TextSanitizer.Sanitize(posted.Text);
        var own = UserNameRules.Comparer.Equals(posted.Author, UserName);
        var kind = posted.Kind == TextKind.Action ? LogKind.Action : own ? LogKind.OwnMessage : LogKind.Message;
        return _lines.Line(kind, posted.Timestamp, author, text, !own && MentionDetector.Mentions(text, UserName)) with
        {
            Id = posted.Id,
            History = history,
        };
    }

    /// <summary>A private message as its conversation's window shows it: who wrote it, as a room's line would.</summary>
    private LogLine ToLine(PrivateMessage direct, bool history = false)
    {
        var outgoing = UserNameRules.Comparer.Equals(direct.From, UserName);
        var author = TextSanitizer.Sanitize(direct.From);
        var text = TextSanitizer.Sanitize(direct.Text);
        var kind = direct.Kind == TextKind.Action ? LogKind.Action : outgoing ? LogKind.PrivateOut : LogKind.PrivateIn;
        return _lines.Line(kind, direct.Timestamp, author, text, mentionsMe: !outgoing && kind == LogKind.Action) with
        {
            Id = direct.Id,
            History = history,
        };
    }
}
