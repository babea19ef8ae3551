using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

public class CommandParserTests
{
    [Theory]
    [InlineData("exit")]
    [InlineData("EXIT")]
    [InlineData("  Exit  ")]
    [InlineData("\texit")]
    public void ExitAloneOnTheLineQuits(string input) => Assert.Equal(new QuitCommand(""), CommandParser.Parse(input));

    [Theory]
    [InlineData("exit now")]
    [InlineData("exiting")]
    [InlineData("I will exit")]
    public void ExitInsideALineIsJustText(string input) => Assert.Equal(new SayCommand(input), CommandParser.Parse(input));

    [Fact]
    public void PlainTextIsSaid() => Assert.Equal(new SayCommand("hello room"), CommandParser.Parse("hello room"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void EmptyInputDoesNothing(string? input) => Assert.IsType<NoCommand>(CommandParser.Parse(input));

    [Fact]
    public void MeIsAnAction() => Assert.Equal(new ActionCommand("waves hello"), CommandParser.Parse("/me waves hello"));

    [Fact]
    public void MeWithoutTextGetsAHint() => Assert.Contains("Usage: /me", Assert.IsType<InvalidCommand>(CommandParser.Parse("/me")).Hint);

    [Fact]
    public void MsgIsAPrivateMessage() => Assert.Equal(new PrivateCommand("bob", "hi there"), CommandParser.Parse("/msg bob hi there"));

    [Theory]
    [InlineData("/msg")]
    [InlineData("/msg bob")]
    [InlineData("/msg bob   ")]
    public void MsgWithoutRecipientOrTextGetsUsage(string input) =>
        Assert.Contains("Usage: /msg", Assert.IsType<InvalidCommand>(CommandParser.Parse(input)).Hint);

    [Theory]
    [InlineData("/who")]
    [InlineData("/WHO")]
    [InlineData("/names")]
    public void WhoListsUsers(string input) => Assert.IsType<WhoCommand>(CommandParser.Parse(input));

    [Fact]
    public void HelpShowsHelp() => Assert.IsType<HelpCommand>(CommandParser.Parse("/help"));

    [Theory]
    [InlineData("/quit", "")]
    [InlineData("/quit see you later", "see you later")]
    [InlineData("/exit", "")]
    public void QuitCarriesItsMessage(string input, string message) => Assert.Equal(new QuitCommand(message), CommandParser.Parse(input));

    [Fact]
    public void ReconnectIsACommand() => Assert.IsType<ReconnectCommand>(CommandParser.Parse("/reconnect"));

    [Fact]
    public void UnknownCommandGetsAHintAndIsNotSent()
    {
        var command = Assert.IsType<InvalidCommand>(CommandParser.Parse("/frobnicate now"));
        Assert.Contains("Unknown command /frobnicate", command.Hint);
        Assert.Contains("/help", command.Hint);
    }

    [Fact]
    public void DoubleSlashSaysTheRestLiterally() => Assert.Equal(new SayCommand("/shrug is a command"), CommandParser.Parse("//shrug is a command"));

    [Fact]
    public void LoneSlashGetsAHint() => Assert.IsType<InvalidCommand>(CommandParser.Parse("/"));

    [Theory]
    [InlineData("/r see you there", "see you there")]
    [InlineData("/reply  ok ", "ok")]
    public void ReplyCarriesItsText(string input, string text) => Assert.Equal(new ReplyCommand(text), CommandParser.Parse(input));

    [Fact]
    public void ReplyWithoutTextGetsItsUsage() =>
        Assert.Contains("Usage: /r <text>", Assert.IsType<InvalidCommand>(CommandParser.Parse("/r")).Hint, StringComparison.Ordinal);

    [Theory]
    [InlineData("/ignore bob", "bob")]
    [InlineData("/IGNORE  Bob ", "Bob")]
    [InlineData("/ignore", null)]
    public void IgnoreNamesOneUserOrLists(string input, string? name) => Assert.Equal(new IgnoreCommand(name), CommandParser.Parse(input));

    [Theory]
    [InlineData("/ignore bob carol")]
    [InlineData("/unignore")]
    [InlineData("/unignore bob carol")]
    public void IgnoreAndUnignoreTakeOneName(string input) => Assert.IsType<InvalidCommand>(CommandParser.Parse(input));

    [Fact]
    public void UnignoreNamesOneUser() => Assert.Equal(new UnignoreCommand("bob"), CommandParser.Parse("/unignore bob"));

    [Fact]
    public void ClearIsACommand() => Assert.IsType<ClearCommand>(CommandParser.Parse("/clear"));

    [Fact]
    public void EveryCompletableCommandIsOneTheParserKnowsAndHelpLists()
    {
        foreach (var name in CommandParser.CommandNames)
        {
            Assert.False(CommandParser.Parse(name) is InvalidCommand { Hint: var hint } && hint.StartsWith("Unknown command", StringComparison.Ordinal), name);
            Assert.Contains(CommandParser.Help.Concat(CommandParser.OperatorHelp), line => line.StartsWith($"  {name} ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("/kick bob flooding", "kick bob flooding", "kick")]
    [InlineData("/ban 203.0.113.0/24 1d spam", "ban 203.0.113.0/24 1d spam", "ban")]
    [InlineData("/unban bob", "unban bob", "lift bans")]
    [InlineData("/bans", "bans", "list the bans")]
    [InlineData("/mute bob 30m calm down", "mute bob 30m calm down", "mute")]
    [InlineData("/unmute bob", "unmute bob", "unmute")]
    [InlineData("/say #dev release at noon", "say #dev release at noon", "speak as the server")]
    [InlineData("/op users #dev", "users #dev", "run operator commands")]
    public void OperatorCommandsBecomeConsoleLines(string input, string line, string what) =>
        Assert.Equal(new OperatorCommand(line, what), CommandParser.Parse(input));

    [Theory]
    [InlineData("/kick")]
    [InlineData("/ban")]
    [InlineData("/unban")]
    [InlineData("/mute")]
    [InlineData("/unmute")]
    [InlineData("/say")]
    [InlineData("/op")]
    [InlineData("/register")]
    public void OperatorAndAccountCommandsWithoutArgumentsShowTheirUsage(string input) =>
        Assert.StartsWith("Usage: ", Assert.IsType<InvalidCommand>(CommandParser.Parse(input)).Hint, StringComparison.Ordinal);

    [Fact]
    public void RegisterAndNickWithAPasswordCarryItButNeverPrintIt()
    {
        var register = CommandParser.Parse("/register correct horse");
        Assert.Equal(new RegisterCommand("correct horse"), register);
        Assert.DoesNotContain("horse", register.ToString(), StringComparison.Ordinal);
        var nick = CommandParser.Parse("/nick alice correct horse");
        Assert.Equal(new NickCommand("alice", "correct horse"), nick);
        Assert.DoesNotContain("horse", nick.ToString(), StringComparison.Ordinal);
        Assert.Equal(new NickCommand("bob"), CommandParser.Parse("/nick bob"));
        Assert.True(CommandParser.HoldsPassword(register));
        Assert.True(CommandParser.HoldsPassword(nick));
        Assert.False(CommandParser.HoldsPassword(CommandParser.Parse("/nick alice")));
    }

    [Theory]
    [InlineData("/topic", null, null)]
    [InlineData("/topic Release day", "Release day", null)]
    [InlineData("/topic -delete", "", null)]
    [InlineData("/topic #ops", null, "#ops")]
    [InlineData("/topic #ops Ops only", "Ops only", "#ops")]
    [InlineData("/topic #ops -delete", "", "#ops")]
    public void TopicMayNameARoom(string input, string? topic, string? room) =>
        Assert.Equal(new TopicCommand(topic, room), CommandParser.Parse(input));
}
