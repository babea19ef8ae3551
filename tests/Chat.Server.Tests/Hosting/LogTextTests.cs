namespace Chat.Server.Tests.Hosting;

public class LogTextTests
{
    [Theory]
    [InlineData("Chat.Client.Tui", "Chat.Client.Tui")]
    [InlineData("evil\u001b[2Jclient", "evil?[2Jclient")]
    [InlineData("line\nbreak", "line?break")]
    [InlineData(null, "")]
    public void ControlCharactersNeverReachTheOperatorsTerminal(string? text, string expected) =>
        Assert.Equal(expected, LogText.Clean(text));

    [Fact]
    public void LongTextIsShortened() =>
        Assert.Equal(new string('a', 10) + "…", LogText.Clean(new string('a', 100), 10));
}
