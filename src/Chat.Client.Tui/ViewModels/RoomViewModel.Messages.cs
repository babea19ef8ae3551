using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

public sealed partial class RoomViewModel
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
                var line = ToLine(posted);
                if (!IsIgnored(posted.Author))
                {
                    Log.Add(line);
                    if (line.MentionsMe)
                    {
                        Alert();
                    }
                }

                break;
            case PrivateMessage direct:
                var incoming = !UserNameRules.Comparer.Equals(direct.From, UserName);
                if (incoming && IsIgnored(direct.From))
                {
                    break;
                }

                Log.Add(ToLine(direct));
                if (incoming)
                {
                    _lastPrivateFrom = direct.From;
                    Alert();
                }

                break;
            case UsersJoined joined:
                var newcomers = joined.UserNames.Where(n => !_users.Contains(n)).ToList();
                Log.AddRange(newcomers.Select(n => Line(LogKind.Join, _time.GetUtcNow().UtcDateTime, n, "joined")));
                SetUsers(joined.UserNames, []);
                break;
            case UsersLeft left:
                Log.AddRange(left.Departures.Select(d =>
                    Line(LogKind.Leave, _time.GetUtcNow().UtcDateTime, d.UserName, DescribeDeparture(d))));
                SetUsers([], left.Departures.Select(d => d.UserName));
                break;
            case ServerNotice notice:
                Log.Add(Line(LogKind.Notice, notice.Timestamp, string.Empty, TextSanitizer.Sanitize(notice.Text)));
                break;
            case ErrorMessage error:
                Log.Add(Local(LogKind.Error, TextSanitizer.Sanitize(error.Text)));
                break;
            case ServerShutdown shutdown:
                Log.Add(Local(LogKind.Error, DescribeShutdown(shutdown.Text)));
                break;
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
            _ => "left" + said,
        };
    }

    private LogLine ToLine(TextPosted posted)
    {
        _lastSeenId = Math.Max(_lastSeenId, posted.Id);
        var author = TextSanitizer.Sanitize(posted.Author);
        var text = TextSanitizer.Sanitize(posted.Text);
        var own = UserNameRules.Comparer.Equals(posted.Author, UserName);
        var kind = posted.Kind == TextKind.Action ? LogKind.Action : own ? LogKind.OwnMessage : LogKind.Message;
        return Line(kind, posted.Timestamp, author, text, !own && MentionDetector.Mentions(text, UserName));
    }

    private LogLine ToLine(PrivateMessage direct)
    {
        var outgoing = UserNameRules.Comparer.Equals(direct.From, UserName);
        var other = TextSanitizer.Sanitize(outgoing ? direct.To : direct.From);
        var text = TextSanitizer.Sanitize(direct.Text);
        if (direct.Kind == TextKind.Action)
        {
            text = $"(action) {text}";
        }

        return Line(outgoing ? LogKind.PrivateOut : LogKind.PrivateIn, direct.Timestamp, other, text);
    }

    private LogLine Local(LogKind kind, string text) => Line(kind, _time.GetUtcNow().UtcDateTime, string.Empty, text);

    private LogLine Line(LogKind kind, DateTime timestamp, string author, string text, bool mentionsMe = false)
    {
        var utc = timestamp.Kind switch
        {
            DateTimeKind.Utc => timestamp,
            DateTimeKind.Local => timestamp.ToUniversalTime(),
            _ => DateTime.SpecifyKind(timestamp, DateTimeKind.Utc),
        };
        return new LogLine(kind, TimeZoneInfo.ConvertTimeFromUtc(utc, _timeZone), author, text, mentionsMe);
    }
}
