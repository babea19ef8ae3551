using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>
/// The room commands against a scripted version-2 server: what each sends, and how the server's
/// answer or refusal is shown; and against a version-1 server, that they say rooms are not there.
/// </summary>
public sealed class ChatViewModelRoomsTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private readonly TestDispatcher _ui = new();
    private readonly FakeTimeProvider _time = new(At);
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _chat = null!;
    private Task _run = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello => FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob", "carol"]));
        _session = session;
        _chat = new ChatViewModel(client, _server, _ui, _time, TimeZoneInfo.Utc);
        _run = _chat.RunAsync();
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _run.WithTimeout();
        await _server.DisposeAsync();
    }

    private string Bar => string.Join(' ', _chat.Windows.Entries.Select(e => e.Text));

    private static List<string> Texts(WindowViewModel window) => [.. Enumerable.Range(0, window.Log.Count).Select(i => window.Log[i].Text)];

    /// <summary>Types <paramref name="line"/> and, as the server, answers the request it sends with <paramref name="answer"/>.</summary>
    private async Task<T> RequestAsync<T>(string line, Func<T, ChatMessage> answer)
        where T : ChatMessage
    {
        var submitting = _chat.SubmitAsync(line);
        var request = await _session.ReceiveAsync<T>();
        await _session.SendAsync(answer(request));
        Assert.True(await submitting.WithTimeout());
        _ui.RunPending();
        return request;
    }

    private async Task<RoomWindowViewModel> JoinDevAsync()
    {
        var request = await RequestAsync<JoinRoom>("/join #dev", r => new RoomJoined("#dev", "Dev talk", ["bob"], [], 2));
        Assert.Equal(new JoinRoom("#dev"), request);
        await _ui.RunUntilAsync(() => _chat.Current.Label == "#dev", "the #dev window in view");
        return (RoomWindowViewModel)_chat.Current;
    }

    [Fact]
    public async Task JoinOpensTheRoomsWindowAndShowsIt()
    {
        var dev = await JoinDevAsync();
        Assert.Equal("1:#lobby [2:#dev]", Bar);
        Assert.Equal(["alice", "bob"], _chat.Users);
        Assert.Equal("Dev talk", dev.TopicLine);
        Assert.Equal("TestServer · alice · #dev", _chat.Title);
    }

    [Fact]
    public async Task LinesAndActionsInARoomsWindowGoToThatRoom()
    {
        await JoinDevAsync();
        Assert.True(await _chat.SubmitAsync("hello dev").WithTimeout());
        Assert.True(await _chat.SubmitAsync("/me waves").WithTimeout());
        _chat.SelectWindow(1);
        Assert.True(await _chat.SubmitAsync("hello lobby").WithTimeout());

        Assert.Equal(new SendText("hello dev") { Room = "#dev" }, await _session.ReceiveAsync<SendText>());
        Assert.Equal(new SendText("waves") { Kind = TextKind.Action, Room = "#dev" }, await _session.ReceiveAsync<SendText>());
        Assert.Equal("hello lobby", (await _session.ReceiveAsync<SendText>()).Text);
    }

    [Fact]
    public async Task JoinWithoutTheHashTakesItAndJoiningARoomOneIsInOnlyShowsIt()
    {
        await JoinDevAsync();
        _chat.SelectWindow(1);
        Assert.True(await _chat.SubmitAsync("/join DEV").WithTimeout());
        Assert.Equal("1:#lobby [2:#dev]", Bar);

        // Nothing went to the server for it: the next thing it receives is a line typed after.
        Assert.True(await _chat.SubmitAsync("marker").WithTimeout());
        Assert.Equal("marker", (await _session.ReceiveAsync<SendText>()).Text);
    }

    [Fact]
    public async Task AnInvalidRoomNameIsRefusedLocally()
    {
        Assert.True(await _chat.SubmitAsync("/join #no spaces?").WithTimeout());
        Assert.Contains("Usage: /join #room", _chat.Log[^1].Text, StringComparison.Ordinal);
        Assert.False(await _chat.SubmitAsync("/join #bad!").WithTimeout());
        Assert.EndsWith("Usage: /join #room", _chat.Log[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedJoinIsToldAndOpensNoWindow()
    {
        await RequestAsync<JoinRoom>("/join #full", r => new ErrorMessage(ErrorCode.RoomFull, "#full is full (10 members).") { Room = "#full" });
        await _ui.RunUntilAsync(() => _chat.Log[^1].Kind == LogKind.Error, "the refusal");
        Assert.Equal("#full is full (10 members).", _chat.Log[^1].Text);
        Assert.Equal("[1:#lobby]", Bar);
    }

    [Fact]
    public async Task PartLeavesTheRoomInViewClosesItsWindowAndShowsTheNext()
    {
        await JoinDevAsync();
        var request = await RequestAsync<LeaveRoom>("/part", r => new RoomLeft(r.Room, LeaveReason.Parted));
        Assert.Equal(new LeaveRoom("#dev"), request);
        await _ui.RunUntilAsync(() => _chat.Windows.All.Count == 1, "the window closed");
        Assert.Equal("[1:#lobby]", Bar);
    }

    [Fact]
    public async Task PartCanNameTheRoomAndSayWhy()
    {
        await JoinDevAsync();
        _chat.SelectWindow(1);
        var request = await RequestAsync<LeaveRoom>("/part #dev see you", r => new RoomLeft(r.Room, LeaveReason.Parted));
        Assert.Equal(new LeaveRoom("#dev") { Text = "see you" }, request);
        await _ui.RunUntilAsync(() => _chat.Windows.FindRoom("#dev") is null, "the window closed");
        Assert.Equal("#lobby", _chat.Current.Label);
    }

    [Fact]
    public async Task RoomsListsEveryRoomWithItsCountAndTopicInTheWindowInView()
    {
        await RequestAsync<ListRooms>("/rooms", _ => new RoomList([new RoomInfo("#dev", 2, "Dev talk"), new RoomInfo("#lobby", 3, "")]));
        await _ui.RunUntilAsync(() => Texts(_chat.Current).Any(t => t.Contains("Dev talk", StringComparison.Ordinal)), "the list");
        var texts = Texts(_chat.Current);
        Assert.Contains("Rooms on TestServer (2):", texts);
        Assert.Contains("  #dev      2 users  Dev talk", texts);
        Assert.Contains("* #lobby    3 users", texts);

        // The rooms listed complete with Tab.
        Assert.Equal(new Completion("/join #dev ", 11), _chat.Complete("/join #d", 8));
    }

    [Fact]
    public async Task TopicShowsOrSetsTheTopicOfTheRoomInView()
    {
        await JoinDevAsync();
        Assert.True(await _chat.SubmitAsync("/topic").WithTimeout());
        Assert.Equal("The topic of #dev: Dev talk", _chat.Log[^1].Text);

        var request = await RequestAsync<SetTopic>("/topic Release on Friday", r => new TopicChanged(r.Room, r.Topic, "alice", At));
        Assert.Equal(new SetTopic("#dev", "Release on Friday"), request);
        await _ui.RunUntilAsync(() => _chat.Current.TopicLine == "Release on Friday", "the new topic");

        var cleared = await RequestAsync<SetTopic>("/topic -delete", r => new TopicChanged(r.Room, r.Topic, "alice", At));
        Assert.Equal(new SetTopic("#dev", ""), cleared);
    }

    [Fact]
    public async Task NickRenamesAndATakenNameIsTold()
    {
        await RequestAsync<ChangeName>("/nick bob", _ => new ErrorMessage(ErrorCode.NameTaken, "The name bob is taken."));
        await _ui.RunUntilAsync(() => _chat.Log[^1].Kind == LogKind.Error, "the refusal");
        Assert.Equal("The name bob is taken.", _chat.Log[^1].Text);

        var request = await RequestAsync<ChangeName>("/nick alicia", r => new UserRenamed("#lobby", "alice", r.UserName));
        Assert.Equal(new ChangeName("alicia"), request);
        await _ui.RunUntilAsync(() => _chat.UserName == "alicia", "the new name");
        Assert.Equal("TestServer · alicia · #lobby", _chat.Title);
    }

    [Fact]
    public async Task AwayMarksMeAwayAndAwayAloneBack()
    {
        var request = await RequestAsync<SetAway>("/away lunch", r => new UserAway("#lobby", "alice", r.Text));
        Assert.Equal(new SetAway("lunch"), request);
        await _ui.RunUntilAsync(() => _chat.AwayText == "lunch", "away");
        Assert.Contains("alice (away)", _chat.Status, StringComparison.Ordinal);

        Assert.Equal(new SetAway(""), await RequestAsync<SetAway>("/away", r => new UserAway("#lobby", "alice", r.Text)));
        await _ui.RunUntilAsync(() => _chat.AwayText.Length == 0, "back");
    }

    [Fact]
    public async Task TabCompletesTheRoomCommandsAndTheRoomsWithAWindow()
    {
        await JoinDevAsync();
        Assert.Equal(new Completion("/join ", 6), _chat.Complete("/jo", 3));
        Assert.Equal(new Completion("/part #dev ", 11), _chat.Complete("/part #d", 8));
        Assert.Equal(new Completion("/topic ", 7), _chat.Complete("/to", 3));
    }

    [Fact]
    public async Task HelpListsTheRoomCommands()
    {
        await _chat.SubmitAsync("/help").WithTimeout();
        var texts = Texts(_chat.Current);
        foreach (var command in new[] { "/join #room", "/part [#room] [text]", "/rooms", "/topic [text]", "/nick <name>", "/away [text]" })
        {
            Assert.Contains(texts, t => t.Contains(command, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AfterConnectingAgainTheRoomsAreJoinedAgain()
    {
        // This client cannot reconnect by itself (it was joined over a connection it was handed): Ctrl+R connects again.
        await JoinDevAsync();
        _session.Abort();
        await _ui.RunUntilAsync(() => _chat.State == ConnectionState.Disconnected, "disconnected");
        _chat.ReconnectNow();
        var second = await _server.WelcomeNextAsync(hello => FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob"]));
        await _ui.RunUntilAsync(() => _chat.State == ConnectionState.Connected, "connected again");
        Assert.Equal(new JoinRoom("#dev"), await second.ReceiveAsync<JoinRoom>());
        await second.SendAsync(new RoomJoined("#dev", "Dev talk", ["bob"], [], 2));
        await _ui.RunUntilAsync(() => _chat.Windows.FindRoom("#dev") is { IsJoined: true }, "#dev joined again");
        Assert.Equal("1:#lobby [2:#dev]", Bar);
    }
}

/// <summary>A version-1 server: one room, and the room commands say it has none.</summary>
public sealed class ChatViewModelVersionOneRoomsTests : IAsyncLifetime
{
    private readonly TestDispatcher _ui = new();
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _chat = null!;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob"]) with { ProtocolVersion = 1 });
        _session = session;
        _chat = new ChatViewModel(client, _server, _ui, timeZone: TimeZoneInfo.Utc);
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("/join #dev")]
    [InlineData("/part")]
    [InlineData("/rooms")]
    [InlineData("/nick robert")]
    [InlineData("/away lunch")]
    [InlineData("/topic")]
    public async Task RoomCommandsSayTheServerHasNoRoomsAndSendNothing(string line)
    {
        Assert.False(_chat.SupportsRooms);
        Assert.True(await _chat.SubmitAsync(line).WithTimeout());
        Assert.Contains("does not support rooms", _chat.Log[^1].Text, StringComparison.Ordinal);
        Assert.True(await _chat.SubmitAsync("marker").WithTimeout());
        Assert.Equal(new SendText("marker"), await _session.ReceiveAsync<SendText>());
    }

    [Fact]
    public void OneWindowNamedAfterTheServerAsBefore()
    {
        Assert.Equal("[1:TestServer]", Assert.Single(_chat.Windows.Entries).Text);
        Assert.Equal("TestServer · alice", _chat.Title);
    }
}
