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
    public void RoomsUsersSayAndTopicTakeARoom()
    {
        Assert.IsType<RoomsCommand>(OperatorCommandParser.Parse("rooms"));
        Assert.Equal(new UsersCommand("#dev"), OperatorCommandParser.Parse("users #dev"));
        Assert.Equal(new SayCommand("Release at five.", "#dev"), OperatorCommandParser.Parse("say #dev Release at five."));
        Assert.Equal(new SayCommand("to everyone"), OperatorCommandParser.Parse("say to everyone"));
        Assert.Equal(new TopicCommand("#dev", "Friday: release"), OperatorCommandParser.Parse("topic #dev Friday: release"));
        Assert.Equal(new TopicCommand("#dev", string.Empty), OperatorCommandParser.Parse("topic #dev"));
    }

    [Theory]
    [InlineData("topic", "Usage: topic #room <text> (an empty text clears the topic)")]
    [InlineData("topic dev hello", "A room name starts with '#', as in #dev. Usage: topic #room <text>")]
    [InlineData("users #a b", "A room name is '#' followed by letters (A-Z, a-z), digits, '_', '-' and '.'. Usage: users [#room]")]
    [InlineData("say #dev", "Usage: say [#room] <text>")]
    [InlineData("say #d?v hello", "A room name is '#' followed by letters (A-Z, a-z), digits, '_', '-' and '.'. Usage: say [#room] <text>")]
    public void ARoomCommandUsedWronglySaysHow(string line, string message) =>
        Assert.Equal(new InvalidCommand(message), OperatorCommandParser.Parse(line));

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
