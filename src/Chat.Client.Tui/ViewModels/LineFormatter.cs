using System.Globalization;
using Chat.Client.Tui.Settings;

namespace Chat.Client.Tui.ViewModels;

/// <summary>Turns log lines into styled segments: "12:34 &lt;alice&gt; hello", "12:34 * alice waves", …</summary>
public static class LineFormatter
{
    /// <summary>Formats one line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="timestamps">How the line's time is shown: <c>HH:mm</c>, <c>HH:mm:ss</c> or not at all.</param>
    /// <returns>Its prefix and body segments.</returns>
    public static FormattedLine Format(LogLine line, TimestampStyle timestamps = TimestampStyle.Minutes)
    {
        ArgumentNullException.ThrowIfNull(line);
        var time = new LogSegment(
            timestamps switch
            {
                TimestampStyle.Seconds => line.Time.ToString("HH:mm:ss ", CultureInfo.InvariantCulture),
                TimestampStyle.Off => string.Empty,
                _ => line.Time.ToString("HH:mm ", CultureInfo.InvariantCulture),
            },
            LogStyle.Time);
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

    private static LogSegment Punct(string text) => new(text, LogStyle.Punctuation);
}
