using Chat.Client.Tui.Connection;
using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Chat.Client.Tui.Tests.ViewModels;

public sealed class RoomViewModelTests : IAsyncDisposable
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private readonly TestDispatcher _ui = new();
    private readonly Mock<IChatConnector> _connector = new(MockBehavior.Strict);
    private readonly FakeSession _session = new("alice", ["alice", "bob", "carol"], [new TextPosted(7, "bob", "earlier", At)]);
    private readonly RoomViewModel _room;

    public RoomViewModelTests()
    {
        _connector.SetupGet(c => c.Endpoint).Returns("127.0.0.1:5000");
        _room = new RoomViewModel(_session.Object, _connector.Object, _ui, new FakeTimeProvider(At), timeZone: TimeZoneInfo.Utc);
    }

    public async ValueTask DisposeAsync() => await _room.DisposeAsync();

    private IEnumerable<string> LogText => Enumerable.Range(0, _room.Log.Count).Select(i => LineFormatter.Format(_room.Log[i]).ToString());

    [Fact]
    public void WelcomeFillsTheLogUsersAndStatus()
    {
        Assert.Equal(
            ["21:15 -- Connected to TestServer (127.0.0.1:5000) as alice. Type /help for help.", "21:15 -!- Be nice.", "21:15 -!- No spam.", "21:15 <bob> earlier"],
            LogText);
        Assert.Equal(["alice", "bob", "carol"], _room.Users);
        Assert.Equal(ConnectionState.Connected, _room.State);
        Assert.Contains("alice on TestServer (127.0.0.1:5000) · 3 users", _room.Status);
    }

    [Fact]
    public async Task ShowsLinesWithTheServersTimeAndKind()
    {
        var run = _room.RunAsync();
        _session.Receive(new TextPosted(8, "bob", "hi there", At.AddMinutes(1)));
        _session.Receive(new TextPosted(9, "alice", "my own", At.AddMinutes(2)));
        _session.Receive(new TextPosted(10, "bob", "waves", At.AddMinutes(3)) { Kind = TextKind.Action });
        _session.Receive(new PrivateMessage("bob", "alice", "psst", At.AddMinutes(4)));
        _session.Receive(new ServerNotice("maintenance at noon", At.AddMinutes(5)));
        await _ui.RunUntilAsync(() => _room.Log.Count == 9, "five new lines");

        Assert.Equal(
            ["21:16 <bob> hi there", "21:17 <alice> my own", "21:18 * bob waves", "21:19 *bob* psst", "21:20 -!- maintenance at noon"],
            LogText.Skip(4));
        Assert.Equal(
            [LogKind.Message, LogKind.OwnMessage, LogKind.Action, LogKind.PrivateIn, LogKind.Notice],
            Enumerable.Range(4, 5).Select(i => _room.Log[i].Kind));
        await _room.DisposeAsync();
        await run.WaitAsync(TestDispatcher.Timeout);
    }

    [Fact]
    public async Task ALineOfAKindFromANewerServerIsShownAsAPlainLine()
    {
        var run = _room.RunAsync();
        _session.Receive(new TextPosted(8, "bob", "from the future", At.AddMinutes(1)) { Kind = (TextKind)9 });
        _session.Receive(new PrivateMessage("bob", "alice", "psst", At.AddMinutes(2)) { Kind = (TextKind)9 });
        await _ui.RunUntilAsync(() => _room.Log.Count == 6, "two new lines");

        Assert.Equal(["21:16 <bob> from the future", "21:17 *bob* psst"], LogText.Skip(4));
        Assert.Equal([LogKind.Message, LogKind.PrivateIn], Enumerable.Range(4, 2).Select(i => _room.Log[i].Kind));
        await _room.DisposeAsync();
        await run.WaitAsync(TestDispatcher.Timeout);
    }

    [Fact]
    public async Task HighlightsLinesThatMentionMeButNotMyOwn()
    {
        _ = _room.RunAsync();
        _session.Receive(new TextPosted(8, "bob", "ALICE: look", At));
        _session.Receive(new TextPosted(9, "bob", "malice", At));
        _session.Receive(new TextPosted(10, "alice", "I am alice", At));
        await _ui.RunUntilAsync(() => _room.Log.Count == 7, "three lines");
        Assert.Equal([true, false, false], Enumerable.Range(4, 3).Select(i => _room.Log[i].MentionsMe));
    }

    [Fact]
    public async Task NetworkTextIsSanitizedBeforeItReachesTheLog()
    {
        _ = _room.RunAsync();
        _session.Receive(new TextPosted(8, "bob", "\u001b[2J\u001b]0;pwned\u0007gotcha\u202E", At));
        await _ui.RunUntilAsync(() => _room.Log.Count == 5, "the line");
        Assert.Equal("gotcha", _room.Log[4].Text);
    }

    [Fact]
    public async Task JoinsAndLeavesUpdateTheUserList()
    {
        _ = _room.RunAsync();
        _session.Receive(new UsersJoined(["dave"]));
        _session.Receive(new UsersLeft([new Departure("bob", LeaveReason.Quit) { Text = "bye all" }]));
        await _ui.RunUntilAsync(() => _room.Log.Count == 6, "join and leave lines");
        Assert.Equal(["alice", "carol", "dave"], _room.Users);
        Assert.EndsWith("--> dave joined", LogText.ElementAt(4));
        Assert.EndsWith("<-- bob left (bye all)", LogText.ElementAt(5));
        Assert.Contains("3 users", _room.Status);
    }

    [Fact]
    public async Task EnterSendsTextActionsAndPrivateMessages()
    {
        Assert.True(await _room.SubmitAsync("hello room").WaitAsync(TestDispatcher.Timeout));
        Assert.True(await _room.SubmitAsync("/me waves").WaitAsync(TestDispatcher.Timeout));
        Assert.True(await _room.SubmitAsync("/msg bob psst").WaitAsync(TestDispatcher.Timeout));
        Assert.True(await _room.SubmitAsync("//not a command").WaitAsync(TestDispatcher.Timeout));
        _session.Mock.Verify(s => s.SendAsync("hello room", It.IsAny<CancellationToken>()), Times.Once);
        _session.Mock.Verify(s => s.SendActionAsync("waves", It.IsAny<CancellationToken>()), Times.Once);
        _session.Mock.Verify(s => s.SendPrivateAsync("bob", "psst", It.IsAny<CancellationToken>()), Times.Once);
        _session.Mock.Verify(s => s.SendAsync("/not a command", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task UnknownCommandIsAnsweredLocallyAndNotSent()
    {
        var before = _room.Log.Count;
        Assert.True(await _room.SubmitAsync("/dance").WaitAsync(TestDispatcher.Timeout));
        Assert.Equal(before + 1, _room.Log.Count);
        Assert.Contains("Unknown command /dance", _room.Log[^1].Text);
        _session.Mock.Verify(s => s.SendAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task TooLongOrControlTextIsRefusedLocallyAndKeptInTheInput()
    {
        Assert.False(await _room.SubmitAsync(new string('x', 101)).WaitAsync(TestDispatcher.Timeout));
        Assert.Contains("at most 100 characters", _room.Log[^1].Text);
        Assert.False(await _room.SubmitAsync("ring\u0007").WaitAsync(TestDispatcher.Timeout));
        Assert.Contains("control characters", _room.Log[^1].Text);
        _session.Mock.Verify(s => s.SendAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task WhoAndHelpAnswerLocally()
    {
        await _room.SubmitAsync("/who").WaitAsync(TestDispatcher.Timeout);
        Assert.Equal("In the room (3): alice, bob, carol", _room.Log[^1].Text);
        await _room.SubmitAsync("/help").WaitAsync(TestDispatcher.Timeout);
        Assert.Contains(LogText, l => l.Contains("/msg <name> <text>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("exit")]
    [InlineData("  EXIT ")]
    [InlineData("/quit")]
    public async Task ExitWordSaysGoodbyeClosesAndAsksToQuit(string input)
    {
        var quit = false;
        _room.QuitRequested += (_, _) => quit = true;
        var run = _room.RunAsync();
        Assert.True(await _room.SubmitAsync(input).WaitAsync(TestDispatcher.Timeout));
        await _ui.RunUntilAsync(() => quit, "QuitRequested");
        _session.Mock.Verify(s => s.LeaveAsync("", It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(ConnectionState.Closed, _room.State);
        await run.WaitAsync(TestDispatcher.Timeout);
        _session.Mock.Verify(s => s.SendAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task QuitCarriesTheMessage()
    {
        var quit = false;
        _room.QuitRequested += (_, _) => quit = true;
        await _room.SubmitAsync("/quit off to lunch").WaitAsync(TestDispatcher.Timeout);
        await _ui.RunUntilAsync(() => quit, "QuitRequested");
        _session.Mock.Verify(s => s.LeaveAsync("off to lunch", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task UpAndDownRecallWhatWasEntered()
    {
        await _room.SubmitAsync("first").WaitAsync(TestDispatcher.Timeout);
        await _room.SubmitAsync("/who").WaitAsync(TestDispatcher.Timeout);
        Assert.Equal("/who", _room.RecallPrevious("draft"));
        Assert.Equal("first", _room.RecallPrevious("/who"));
        Assert.Equal("/who", _room.RecallNext());
        Assert.Equal("draft", _room.RecallNext());
    }

    [Fact]
    public void TabCompletesNamesOfThoseInTheRoom()
    {
        Assert.Equal(new Completion("carol: ", 7), _room.Complete("ca", 2));
        Assert.Null(_room.Complete("al", 2));
    }

    [Fact]
    public async Task CountsNewLinesWhileScrolledUp()
    {
        _ = _room.RunAsync();
        _room.SetFollowing(false);
        _session.Receive(new TextPosted(8, "bob", "one", At));
        _session.Receive(new TextPosted(9, "bob", "two", At));
        await _ui.RunUntilAsync(() => _room.Log.Count == 6, "two lines");
        Assert.EndsWith("2 new below (Ctrl+End)", _room.Status);
        _room.SetFollowing(true);
        Assert.DoesNotContain("new below", _room.Status);
    }

    [Fact]
    public async Task AFailedSendIsReportedAndTheLineKept()
    {
        _session.Mock.Setup(s => s.SendAsync("hello", It.IsAny<CancellationToken>()))
            .Returns(() => ValueTask.FromException(new ChatConnectionLostException("broken pipe")));
        Assert.False(await _room.SubmitAsync("hello").WaitAsync(TestDispatcher.Timeout));
        await _ui.RunUntilAsync(() => _room.Log[^1].Text.Contains("broken pipe", StringComparison.Ordinal), "the error line");
        Assert.Equal(LogKind.Error, _room.Log[^1].Kind);
    }
}
