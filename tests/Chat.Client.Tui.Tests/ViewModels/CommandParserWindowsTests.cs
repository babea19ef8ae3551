using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>The commands about windows and rooms.</summary>
public class CommandParserWindowsTests
{
    [Theory]
    [InlineData("/join #dev", "#dev")]
    [InlineData("/j #dev", "#dev")]
    [InlineData("/join dev", "#dev")]
    public void JoinNamesARoomWithItsHash(string input, string room) => Assert.Equal(new JoinCommand(room), CommandParser.Parse(input));

    [Theory]
    [InlineData("/join")]
    [InlineData("/join #a #b")]
    public void JoinWithoutOneRoomGetsAHint(string input) =>
        Assert.Contains("Usage: /join #room", Assert.IsType<InvalidCommand>(CommandParser.Parse(input)).Hint, StringComparison.Ordinal);

    [Theory]
    [InlineData("/part", null, "")]
    [InlineData("/part #dev", "#dev", "")]
    [InlineData("/part #dev see you all", "#dev", "see you all")]
    [InlineData("/leave off to lunch", null, "off to lunch")]
    public void PartNamesTheRoomWhenTheFirstWordIsOne(string input, string? room, string text) =>
        Assert.Equal(new PartCommand(room, text), CommandParser.Parse(input));

    [Theory]
    [InlineData("/topic", null)]
    [InlineData("/topic Release on Friday", "Release on Friday")]
    [InlineData("/topic -delete", "")]
    public void TopicShowsSetsOrClears(string input, string? topic) => Assert.Equal(new TopicCommand(topic), CommandParser.Parse(input));

    [Fact]
    public void RoomsNickAndAway()
    {
        Assert.IsType<RoomsCommand>(CommandParser.Parse("/rooms"));
        Assert.IsType<RoomsCommand>(CommandParser.Parse("/list"));
        Assert.Equal(new NickCommand("robert"), CommandParser.Parse("/nick robert"));
        Assert.IsType<InvalidCommand>(CommandParser.Parse("/nick"));
        Assert.Equal(new AwayCommand("lunch, back at 2"), CommandParser.Parse("/away lunch, back at 2"));
        Assert.Equal(new AwayCommand(""), CommandParser.Parse("/away"));
    }

    [Fact]
    public void WindowQueryAndClose()
    {
        Assert.Equal(new WindowCommand(12), CommandParser.Parse("/window 12"));
        Assert.IsType<InvalidCommand>(CommandParser.Parse("/window two"));
        Assert.IsType<InvalidCommand>(CommandParser.Parse("/window 0"));
        Assert.Equal(new QueryCommand("bob"), CommandParser.Parse("/query bob"));
        Assert.Equal(new PrivateCommand("bob", "hi"), CommandParser.Parse("/query bob hi"));
        Assert.IsType<CloseCommand>(CommandParser.Parse("/close"));
    }

    [Fact]
    public void TabCompletesRoomNamesAfterAHash()
    {
        var completer = new NickCompleter();
        string[] rooms = ["#dev", "#design", "#lobby"];
        Assert.Equal(new Completion("/join #design ", 14), completer.Complete("/join #d", 8, [], "me", rooms));
        Assert.Equal(new Completion("/join #dev ", 11), completer.Complete("/join #design ", 14, [], "me", rooms));
        Assert.Null(completer.Complete("see #x", 6, [], "me", rooms));
    }
}
