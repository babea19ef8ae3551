using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>
/// The rooms' messages shown in the right windows: a room joined opens its window, lines and
/// presence carry their room, topics, renames and away notices reach every window they concern,
/// and a room left closes its window.
/// </summary>
public sealed class ChatViewModelRoomEventsTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private readonly TestDispatcher _ui = new();
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _chat = null!;
    private Task _run = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync(
            "alice", hello => FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob", "carol"], "Welcome, all", [new TextPosted(7, "bob", "earlier", At) { Room = "#lobby" }]));
        _session = session;
        _chat = new ChatViewModel(client, _server, _ui, new FakeTimeProvider(At), timeZone: TimeZoneInfo.Utc);
        _run = _chat.RunAsync();
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _run.WithTimeout();
        await _server.DisposeAsync();
    }

    private RoomWindowViewModel Lobby => _chat.Windows.FindRoom("#lobby")!;

    private string Bar => string.Join(' ', _chat.Windows.Entries.Select(e => e.Text));

    private static List<string> Texts(WindowViewModel window) => [.. Enumerable.Range(0, window.Log.Count).Select(i => LineFormatter.Format(window.Log[i]).ToString())];

    private async Task<RoomWindowViewModel> JoinDevAsync()
    {
        await _session.SendAsync(new RoomJoined("#dev", "Dev talk", ["bob"], [new TextPosted(1, "bob", "dev line", At) { Room = "#dev" }], 2));
        await _ui.RunUntilAsync(() => _chat.Windows.FindRoom("#dev") is not null, "the #dev window");
        return _chat.Windows.FindRoom("#dev")!;
    }

    private async Task ReceiveAsync(ChatMessage message, WindowViewModel window)
    {
        var before = window.Log.Count;
        await _session.SendAsync(message);
        await _ui.RunUntilAsync(() => window.Log.Count > before, $"{message.GetType().Name} in {window.Label}");
    }

    [Fact]
    public void TheDefaultRoomsWindowIsNamedAfterItAndShowsItsTopic()
    {
        Assert.Equal("[1:#lobby]", Bar);
        Assert.Equal("Welcome, all", Lobby.TopicLine);
        Assert.Equal("TestServer · alice · #lobby", _chat.Title);
    }

    [Fact]
    public async Task AJoinedRoomOpensItsWindowWithItsUsersTopicAndRecentLines()
    {
        var dev = await JoinDevAsync();
        Assert.Equal("[1:#lobby] 2:#dev*", Bar);
        Assert.Equal(["alice", "bob"], dev.Users);
        Assert.Equal("Dev talk", dev.Topic);
        Assert.Equal(
            ["21:15 -- You are now in #dev (2 users).", "21:15 -- Topic: Dev talk", "21:15 <bob> dev line"],
            Texts(dev));
    }

    [Fact]
    public async Task LinesAndPresenceGoToTheirRoomsWindowAndLineIdsArePerRoom()
    {
        var dev = await JoinDevAsync();
        var lobbyLines = Lobby.Log.Count;

        // Id 2 in #dev is new there, although #lobby has seen up to 7.
        await ReceiveAsync(new TextPosted(2, "bob", "in dev", At) { Room = "#DEV" }, dev);
        await ReceiveAsync(new UsersJoined(["dave"]) { Room = "#dev" }, dev);
        await ReceiveAsync(new TextPosted(8, "carol", "in the lobby, no room named", At), Lobby);

        Assert.Equal("21:15 <bob> in dev", Texts(dev)[^2]);
        Assert.Equal("21:15 --> dave joined", Texts(dev)[^1]);
        Assert.Equal(["alice", "bob", "dave"], dev.Users);
        Assert.Equal(["alice", "bob", "carol"], Lobby.Users);
        Assert.Equal(lobbyLines + 1, Lobby.Log.Count);
    }

    [Fact]
    public async Task ATopicChangeIsShownInItsRoomAndAtTheTopOfItsWindow()
    {
        var dev = await JoinDevAsync();
        await ReceiveAsync(new TopicChanged("#dev", "Release on Friday", "bob", At), dev);
        Assert.Equal("Release on Friday", dev.TopicLine);
        Assert.Equal("21:15 -!- bob changed the topic of #dev to: Release on Friday", Texts(dev)[^1]);

        await ReceiveAsync(new TopicChanged("#dev", "", "Server", At), dev);
        Assert.Equal("#dev · no topic (/topic <text> sets one)", dev.TopicLine);
    }

    [Fact]
    public async Task ARenameIsShownInEachRoomAndConversationOfThatUser()
    {
        var dev = await JoinDevAsync();
        await _session.SendAsync(new PrivateMessage("bob", "alice", "psst", At));
        await _ui.RunUntilAsync(() => _chat.Windows.FindPrivate("bob") is not null, "bob's window");
        var bob = _chat.Windows.FindPrivate("bob")!;

        await _session.SendAsync(new UserRenamed("#lobby", "bob", "robert"));
        await _session.SendAsync(new UserRenamed("#dev", "bob", "robert"));
        await _ui.RunUntilAsync(() => dev.Users.Contains("robert"), "the rename in #dev");

        Assert.Equal(["alice", "carol", "robert"], Lobby.Users);
        Assert.Equal("21:15 -!- bob is now known as robert", Texts(Lobby)[^1]);
        Assert.Equal("robert", bob.Peer);
        Assert.Same(bob, _chat.Windows.FindPrivate("robert"));
        Assert.Equal("21:15 -!- bob is now known as robert", Texts(bob)[^1]);
        Assert.Equal("[1:#lobby] 2:#dev* 3:robert!", Bar);
    }

    [Fact]
    public async Task MyOwnRenameChangesMyNameAndTheTitle()
    {
        await ReceiveAsync(new UserRenamed("#lobby", "alice", "alicia"), Lobby);
        Assert.Equal("alicia", _chat.UserName);
        Assert.Equal("TestServer · alicia · #lobby", _chat.Title);
        Assert.Equal("21:15 -!- You are now known as alicia", Texts(Lobby)[^1]);
        Assert.Contains("alicia", Lobby.Users);
        Assert.DoesNotContain("alice", Lobby.Users);
    }

    [Fact]
    public async Task AwayAndBackAreShownAndTheUserListKnowsWhoIsAway()
    {
        await ReceiveAsync(new UserAway("#lobby", "bob", "lunch"), Lobby);
        Assert.True(Lobby.IsAway("bob"));
        Assert.Equal("21:15 -!- bob is away: lunch", Texts(Lobby)[^1]);
        await ReceiveAsync(new UserAway("#lobby", "bob", ""), Lobby);
        Assert.False(Lobby.IsAway("bob"));

        await ReceiveAsync(new UserAway("#lobby", "alice", "in a meeting"), Lobby);
        Assert.Equal("in a meeting", _chat.AwayText);
        Assert.Contains("alice (away) on TestServer", _chat.Status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APrivateMessageToSomeoneAwayCarriesTheirAwayText()
    {
        await _chat.SubmitAsync("/msg bob are you there?").WithTimeout();
        var bob = _chat.Windows.FindPrivate("bob")!;
        await ReceiveAsync(new PrivateMessage("alice", "bob", "are you there?", At) { RecipientAway = "lunch" }, bob);
        Assert.Equal("21:15 -- bob is away: lunch", Texts(bob)[^1]);
        Assert.Equal("Private conversation with bob · away: lunch", bob.TopicLine);
    }

    [Fact]
    public async Task PartingARoomClosesItsWindowAndShowsTheNext()
    {
        var dev = await JoinDevAsync();
        _chat.SelectWindow(2);
        await _session.SendAsync(new RoomLeft("#dev", LeaveReason.Parted));
        await _ui.RunUntilAsync(() => _chat.Windows.FindRoom("#dev") is null, "the window closed");
        Assert.Same(Lobby, _chat.Current);
        Assert.Equal("[1:#lobby]", Bar);
        Assert.False(dev.IsJoined);
    }

    [Fact]
    public async Task LeavingTheLastRoomKeepsItsWindowAndSaysHowToGoBack()
    {
        await ReceiveAsync(new RoomLeft("#lobby", LeaveReason.Parted), Lobby);
        Assert.Equal("You left #lobby. /join #lobby goes back.", Lobby.Log[^1].Text);
        Assert.Empty(Lobby.Users);

        // Nothing is sent to a room one is not in.
        Assert.False(await _chat.SubmitAsync("hello?").WithTimeout());
        Assert.Contains("You are not in #lobby", Lobby.Log[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorAboutARoomIsShownInItsWindow()
    {
        var dev = await JoinDevAsync();
        await ReceiveAsync(new ErrorMessage(ErrorCode.TextTooLong, "too long") { Room = "#dev" }, dev);
        Assert.Equal(LogKind.Error, dev.Log[^1].Kind);
        Assert.Equal("too long", dev.Log[^1].Text);
    }
}
