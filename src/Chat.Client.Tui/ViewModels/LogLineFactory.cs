namespace Chat.Client.Tui.ViewModels;

/// <summary>Makes log lines in the user's time zone, from the server's time stamps or from the client's clock.</summary>
/// <param name="time">The clock for the client's own lines.</param>
/// <param name="timeZone">The zone times are shown in.</param>
public sealed class LogLineFactory(TimeProvider time, TimeZoneInfo timeZone)
{
    /// <summary>The time now, in UTC.</summary>
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>A line the client itself says (help, hints, connection state), stamped now.</summary>
    /// <param name="kind">What the line is.</param>
    /// <param name="text">The text, already safe to show.</param>
    public LogLine Local(LogKind kind, string text) => Line(kind, UtcNow, string.Empty, text);

    /// <summary>A line stamped now about someone (a join, a departure, a rename).</summary>
    /// <param name="kind">What the line is.</param>
    /// <param name="author">Who it is about.</param>
    /// <param name="text">The text, already safe to show.</param>
    public LogLine Now(LogKind kind, string author, string text) => Line(kind, UtcNow, author, text);

    /// <summary>A line with a time stamp from the server.</summary>
    /// <param name="kind">What the line is.</param>
    /// <param name="timestamp">When it was said (UTC, or unspecified taken as UTC).</param>
    /// <param name="author">Who said it, or empty.</param>
    /// <param name="text">The text, already safe to show.</param>
    /// <param name="mentionsMe">Whether it mentions this user.</param>
    public LogLine Line(LogKind kind, DateTime timestamp, string author, string text, bool mentionsMe = false)
    {
        var utc = timestamp.Kind switch
        {
            DateTimeKind.Utc => timestamp,
            DateTimeKind.Local => timestamp.ToUniversalTime(),
            _ => DateTime.SpecifyKind(timestamp, DateTimeKind.Utc),
        };
        return new LogLine(kind, TimeZoneInfo.ConvertTimeFromUtc(utc, timeZone), author, text, mentionsMe);
    }
}
