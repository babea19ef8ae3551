using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>The room with a real <see cref="ChatClient"/> joined to a scripted server: what it shows, and what it sends.</summary>
public sealed class ChatViewModelTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private readonly TestDispatcher _ui = new();
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _room = null!;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync(
            "alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob", "carol"], [new TextPosted(7, "bob", "earlier", At)]));
        _session = session;
        _room = new ChatViewModel(client, _server, _ui, new FakeTimeProvider(At), timeZone: TimeZoneInfo.Utc);
    }

    public async Task DisposeAsync()
    {
        await _room.DisposeAsync();
        await _server.DisposeAsync();
    }

    private IEnumerable<string> LogText => Enumerable.Range(0, _room.Log.Count).Select(i => LineFormatter.Format(_room.Log[i]).ToString());

    /// <summary>Sends a line and checks that it is the next thing the server receives: nothing was sent before it.</summary>
    private async Task AssertNothingSentBeforeAsync()
    {
        Assert.True(await _room.SubmitAsync("marker").WithTimeout());
        Assert.Equal(new SendText("marker"), await _session.ReceiveAsync<SendText>());
    }

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
        await _session.SendAsync(new TextPosted(8, "bob", "hi there", At.AddMinutes(1)));
        await _session.SendAsync(new TextPosted(9, "alice", "my own", At.AddMinutes(2)));
        await _session.SendAsync(new TextPosted(10, "bob", "waves", At.AddMinutes(3)) { Kind = TextKind.Action });
        await _session.SendAsync(new ServerNotice("maintenance at noon", At.AddMinutes(5)));
        await _ui.RunUntilAsync(() => _room.Log.Count == 8, "four new lines");

        Assert.Equal(
            ["21:16 <bob> hi there", "21:17 <alice> my own", "21:18 * bob waves", "21:20 -!- maintenance at noon"],
            LogText.Skip(4));
        Assert.Equal(
            [LogKind.Message, LogKind.OwnMessage, LogKind.Action, LogKind.Notice],
            Enumerable.Range(4, 4).Select(i => _room.Log[i].Kind));
        await _room.DisposeAsync();
        await run.WithTimeout();
    }

    [Fact]
    public async Task ALineOfAKindFromANewerServerIsShownAsAPlainLine()
    {
        var run = _room.RunAsync();
        await _session.SendAsync(new TextPosted(8, "bob", "from the future", At.AddMinutes(1)) { Kind = (TextKind)9 });
        await _session.SendAsync(new PrivateMessage("bob", "alice", "psst", At.AddMinutes(2)) { Kind = (TextKind)9 });
        await _ui.RunUntilAsync(() => _room.Windows.FindPrivate("bob")?.Log.Count == 1, "the private line in its window");

        Assert.Equal(["21:16 <bob> from the future"], LogText.Skip(4));
        var conversation = _room.Windows.FindPrivate("bob")!.Log;
        Assert.Equal("21:17 <bob> psst", LineFormatter.Format(conversation[0]).ToString());
        Assert.Equal(LogKind.PrivateIn, conversation[0].Kind);
        await _room.DisposeAsync();
        await run.WithTimeout();
    }

    [Fact]
    public async Task HighlightsLinesThatMentionMeButNotMyOwn()
    {
        _ = _room.RunAsync();
        await _session.SendAsync(new TextPosted(8, "bob", "ALICE: look", At));
        await _session.SendAsync(new TextPosted(9, "bob", "malice", At));
        await _session.SendAsync(new TextPosted(10, "alice", "I am alice", At));
        await _ui.RunUntilAsync(() => _room.Log.Count == 7, "three lines");
        Assert.Equal([true, false, false], Enumerable.Range(4, 3).Select(i => _room.Log[i].MentionsMe));
    }

    [Fact]
    public async Task NetworkTextIsSanitizedBeforeItReachesTheLog()
    {
        _ = _room.RunAsync();
        await _session.SendAsync(new TextPosted(8, "bob", "\u001b[2J\u001b]0;pwned\u0007gotcha\u202E", At));
        await _ui.RunUntilAsync(() => _room.Log.Count == 5, "the line");
        Assert.Equal("gotcha", _room.Log[4].Text);
    }

    [Fact]
    public async Task JoinsAndLeavesUpdateTheUserList()
    {
        _ = _room.RunAsync();
        await _session.SendAsync(new UsersJoined(["dave"]));
        await _session.SendAsync(new UsersLeft([new Departure("bob", LeaveReason.Quit) { Text = "bye all" }]));
        await _ui.RunUntilAsync(() => _room.Log.Count == 6, "join and leave lines");
        Assert.Equal(["alice", "carol", "dave"], _room.Users);
        Assert.EndsWith("--> dave joined", LogText.ElementAt(4));
        Assert.EndsWith("<-- bob left (bye all)", LogText.ElementAt(5));
        Assert.Contains("3 users", _room.Status);
    }

    [Fact]
    public async Task EnterSendsTextActionsAndPrivateMessages()
    {
        Assert.True(await _room.SubmitAsync("hello room").WithTimeout());
        Assert.True(await _room.SubmitAsync("/me waves").WithTimeout());
        Assert.True(await _room.SubmitAsync("//not a command").WithTimeout());
        Assert.True(await _room.SubmitAsync("/msg bob psst").WithTimeout());
        Assert.Equal(new SendText("hello room"), await _session.ReceiveAsync<SendText>());
        Assert.Equal(new SendText("waves") { Kind = TextKind.Action }, await _session.ReceiveAsync<SendText>());
        Assert.Equal(new SendText("/not a command"), await _session.ReceiveAsync<SendText>());
        Assert.Equal(new SendPrivate("bob", "psst"), await _session.ReceiveAsync<SendPrivate>());
    }

    [Fact]
    public async Task UnknownCommandIsAnsweredLocallyAndNotSent()
    {
        var before = _room.Log.Count;
        Assert.True(await _room.SubmitAsync("/dance").WithTimeout());
        Assert.Equal(before + 1, _room.Log.Count);
        Assert.Contains("Unknown command /dance", _room.Log[^1].Text);
        await AssertNothingSentBeforeAsync();
    }

    [Fact]
    public async Task TooLongOrControlTextIsRefusedLocallyAndKeptInTheInput()
    {
        Assert.False(await _room.SubmitAsync(new string('x', 101)).WithTimeout());
        Assert.Contains("at most 100 characters", _room.Log[^1].Text);
        Assert.False(await _room.SubmitAsync("ring\u0007").WithTimeout());
        Assert.Contains("control characters", _room.Log[^1].Text);
        await AssertNothingSentBeforeAsync();
    }

    [Fact]
    public async Task WhoAndHelpAnswerLocally()
    {
        await _room.SubmitAsync("/who").WithTimeout();
        Assert.Equal("In the room (3): alice, bob, carol", _room.Log[^1].Text);
        await _room.SubmitAsync("/help").WithTimeout();
        Assert.Contains(LogText, l => l.Contains("/msg <name> <text>", StringComparison.Ordinal));
        await AssertNothingSentBeforeAsync();
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
        Assert.True(await _room.SubmitAsync(input).WithTimeout());
        await _ui.RunUntilAsync(() => quit, "QuitRequested");
        Assert.Equal(ConnectionState.Closed, _room.State);
        await run.WithTimeout();

        // The server heard a goodbye and nothing else, then the end of the connection.
        Assert.Equal([new Goodbye("")], await _session.ReceiveUntilEndAsync());
    }

    [Fact]
    public async Task QuitCarriesTheMessage()
    {
        var quit = false;
        _room.QuitRequested += (_, _) => quit = true;
        await _room.SubmitAsync("/quit off to lunch").WithTimeout();
        await _ui.RunUntilAsync(() => quit, "QuitRequested");
        Assert.Equal([new Goodbye("off to lunch")], await _session.ReceiveUntilEndAsync());
    }

    [Fact]
    public async Task UpAndDownRecallWhatWasEntered()
    {
        await _room.SubmitAsync("first").WithTimeout();
        await _room.SubmitAsync("/who").WithTimeout();
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
        await _session.SendAsync(new TextPosted(8, "bob", "one", At));
        await _session.SendAsync(new TextPosted(9, "bob", "two", At));
        await _ui.RunUntilAsync(() => _room.Log.Count == 6, "two lines");
        Assert.StartsWith("2 new below (Ctrl+End) · ", _room.Status, StringComparison.Ordinal);
        _room.SetFollowing(true);
        Assert.DoesNotContain("new below", _room.Status);
    }

    [Fact]
    public async Task AFailedSendIsReportedAndTheLineKept()
    {
        // The server is gone, and the room has not noticed yet (nothing is reading): the send itself fails.
        _session.Abort();
        Assert.False(await _room.SubmitAsync("hello").WithTimeout());
        await _ui.RunUntilAsync(() => _room.Log[^1].Text.Contains("reset by the other side", StringComparison.Ordinal), "the error line");
        Assert.Equal(LogKind.Error, _room.Log[^1].Kind);
        Assert.StartsWith("Not sent: ", _room.Log[^1].Text, StringComparison.Ordinal);
    }
}
