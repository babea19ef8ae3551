namespace Chat.Server.Tests.Operator;

public class OperatorCommandParserTests
{
    [Theory]
    [InlineData("users")]
    [InlineData("USERS")]
    [InlineData("  who ")]
    [InlineData("/users")]
    public void ParsesUsers(string line) => Assert.IsType<UsersCommand>(OperatorCommandParser.Parse(line));

    [Theory]
    [InlineData("help")]
    [InlineData("?")]
    [InlineData("/HELP")]
    public void ParsesHelp(string line) => Assert.IsType<HelpCommand>(OperatorCommandParser.Parse(line));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void AnEmptyLineDoesNothing(string? line) => Assert.IsType<EmptyCommand>(OperatorCommandParser.Parse(line));

    [Fact]
    public void CloseHasADefaultReasonOrTheOneGiven()
    {
        Assert.Equal(new CloseCommand(ChatServer.DefaultShutdownText), OperatorCommandParser.Parse("close"));
        Assert.Equal(new CloseCommand("Back in 5 minutes."), OperatorCommandParser.Parse("close   Back in 5 minutes."));
    }

    [Fact]
    public void SayKeepsTheWholeText() =>
        Assert.Equal(new SayCommand("Maintenance at  noon!"), OperatorCommandParser.Parse("say Maintenance at  noon! "));

    [Fact]
    public void KickTakesANameAndAnOptionalReason()
    {
        Assert.Equal(new KickCommand("bob", "flooding the room"), OperatorCommandParser.Parse("kick bob flooding the room"));
        Assert.Equal(new KickCommand("bob", string.Empty), OperatorCommandParser.Parse("kick  bob"));
    }

    [Theory]
    [InlineData("say", "Usage: say [#room] <text>")]
    [InlineData("kick", "Usage: kick <name> [reason]")]
    [InlineData("kick   ", "Usage: kick <name> [reason]")]
    public void ACommandWithoutItsArgumentShowsHowToUseIt(string line, string message) =>
        Assert.Equal(new InvalidCommand(message), OperatorCommandParser.Parse(line));

    [Fact]
    public void AnUnknownWordGetsAHint()
    {
        var invalid = Assert.IsType<InvalidCommand>(OperatorCommandParser.Parse("frobnicate now"));
        Assert.Equal("Unknown command \"frobnicate\". Type help to see the commands.", invalid.Message);
    }

    [Theory]
    [InlineData("quit")]
    [InlineData("exit")]
    [InlineData("stop")]
    public void WordsForStoppingPointToClose(string line)
    {
        var invalid = Assert.IsType<InvalidCommand>(OperatorCommandParser.Parse(line));
        Assert.Contains("type close", invalid.Message, StringComparison.Ordinal);
    }
}
