using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

public class LineFormatterTests
{
    private static readonly DateTime Noon = new(2026, 1, 2, 12, 34, 56, DateTimeKind.Local);

    [Theory]
    [InlineData(LogKind.Message, "12:34 <bob> hello")]
    [InlineData(LogKind.OwnMessage, "12:34 <bob> hello")]
    [InlineData(LogKind.Action, "12:34 * bob hello")]
    [InlineData(LogKind.PrivateIn, "12:34 <bob> hello")]
    [InlineData(LogKind.PrivateOut, "12:34 <bob> hello")]
    [InlineData(LogKind.Presence, "12:34 -!- bob hello")]
    [InlineData(LogKind.Join, "12:34 --> bob hello")]
    [InlineData(LogKind.Leave, "12:34 <-- bob hello")]
    public void EachKindHasItsShape(LogKind kind, string expected) =>
        Assert.Equal(expected, LineFormatter.Format(new LogLine(kind, Noon, "bob", "hello")).ToString());

    [Fact]
    public void NoticesErrorsAndInfoHaveNoAuthor()
    {
        Assert.Equal("12:34 -!- motd", LineFormatter.Format(new LogLine(LogKind.Notice, Noon, "", "motd")).ToString());
        Assert.Equal("12:34 !!! oops", LineFormatter.Format(new LogLine(LogKind.Error, Noon, "", "oops")).ToString());
        Assert.Equal("12:34 -- help", LineFormatter.Format(new LogLine(LogKind.Info, Noon, "", "help")).ToString());
        Assert.Equal("12:34 -!- You are back.", LineFormatter.Format(new LogLine(LogKind.Presence, Noon, "", "You are back.")).ToString());
    }

    [Fact]
    public void KindsLookDifferent()
    {
        var styles = Enum.GetValues<LogKind>()
            .Select(k => LineFormatter.Format(new LogLine(k, Noon, "bob", "x")))
            .Select(f => string.Join(",", f.Prefix.Concat(f.Body).Select(s => s.Style)))
            .ToList();
        Assert.Equal(styles.Count, styles.Distinct().Count());
    }

    [Fact]
    public void OthersNicksCarryTheirColourAndMentionsAreHighlighted()
    {
        var line = LineFormatter.Format(new LogLine(LogKind.Message, Noon, "bob", "hi alice", MentionsMe: true));
        var nick = Assert.Single(line.Prefix, s => s.Style == LogStyle.Nick);
        Assert.Equal(NickColors.IndexOf("bob"), nick.NickColor);
        Assert.Equal(LogStyle.Mention, Assert.Single(line.Body).Style);
    }
}
