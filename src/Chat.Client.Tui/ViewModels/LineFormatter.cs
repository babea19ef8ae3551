using System.Globalization;
using Chat.Client.Tui.Settings;

namespace Chat.Client.Tui.ViewModels;

/// <summary>Turns log lines into styled segments: "12:34 &lt;alice&gt; hello", "12:34 * alice waves", …</summary>
public static class LineFormatter
{
    /// <summary>Formats one line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="timestamps">How the line's time is shown: <c>HH:mm</c>, <c>HH:mm:ss</c> or not at all.</param>
    /// <param name="today">
    /// Today in the user's time zone: a line of another day shows its date before the time
    /// ("1 Dec 21:15", with the year when it is another year's). <see langword="null"/>: times only.
    /// </param>
    /// <returns>Its prefix and body segments.</returns>
    public static FormattedLine Format(LogLine line, TimestampStyle timestamps = TimestampStyle.Minutes, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Kind == LogKind.Divider)
        {
            return new([], [new(line.Text, LogStyle.Divider)]);
        }

        var time = new LogSegment(TimeText(line.Time, timestamps, today), LogStyle.Time);

        var nick = new LogSegment(line.Author, LogStyle.Nick, NickColors.IndexOf(line.Author));
        var textStyle = line.MentionsMe ? LogStyle.Mention : LogStyle.Text;
        return line.Kind switch
        {
            LogKind.Message => new([time, Punct("<"), nick, Punct("> ")], [new(line.Text, textStyle)]),
            LogKind.OwnMessage => new([time, Punct("<"), new(line.Author, LogStyle.OwnNick), Punct("> ")], [new(line.Text, LogStyle.OwnText)]),
            LogKind.Action => new(
                [time, new("* ", LogStyle.Action), nick, new(" ", LogStyle.Action)],
                [new(line.Text, line.MentionsMe ? LogStyle.Mention : LogStyle.Action)]),
            LogKind.PrivateIn => new([time, Punct("<"), nick, Punct("> ")], [new(line.Text, LogStyle.Private)]),
            LogKind.PrivateOut => new([time, Punct("<"), new(line.Author, LogStyle.OwnNick), Punct("> ")], [new(line.Text, LogStyle.Private)]),
            LogKind.Notice => new([time, new("-!- ", LogStyle.Notice)], [new(line.Text, LogStyle.Notice)]),
            LogKind.Error => new([time, new("!!! ", LogStyle.Error)], [new(line.Text, LogStyle.Error)]),
            LogKind.Join => new([time, new("--> ", LogStyle.Join)], [nick, new(" " + line.Text, LogStyle.Join)]),
            LogKind.Leave => new([time, new("<-- ", LogStyle.Leave)], [nick, new(" " + line.Text, LogStyle.Leave)]),
            LogKind.Presence when line.Author.Length > 0 => new([time, new("-!- ", LogStyle.Info)], [nick, new(" " + line.Text, LogStyle.Info)]),
            LogKind.Presence => new([time, new("-!- ", LogStyle.Info)], [new(line.Text, LogStyle.Info)]),
            _ => new([time, new("-- ", LogStyle.Info)], [new(line.Text, LogStyle.Info)]),
        };
    }

    /// <summary>The time prefix: the time, after the date for a line not from today.</summary>
    private static string TimeText(DateTime time, TimestampStyle timestamps, DateOnly? today)
    {
        if (timestamps == TimestampStyle.Off)
        {
            return string.Empty;
        }

        var clock = timestamps == TimestampStyle.Seconds ? "HH:mm:ss " : "HH:mm ";
        var day = DateOnly.FromDateTime(time);
        var date = today is not { } now || day == now ? string.Empty
            : day.Year == now.Year ? "d MMM " : "d MMM yyyy ";
        return time.ToString(date + clock, CultureInfo.InvariantCulture);
    }

    private static LogSegment Punct(string text) => new(text, LogStyle.Punctuation);
}
