using Chat.Protocol.Tests.TestUtilities;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Protocol.Tests.Client;

/// <summary>
/// The client's rooms (protocol version 2) against a scripted server: the state it keeps per room,
/// its requests and their answers, refusals, timeouts and losses, and a version-1 server.
/// </summary>
public class ChatClientRoomsTests
{
    public static TheoryData<TransportKind> Transports => new(TransportKind.Memory, TransportKind.Tcp);

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AVersionTwoWelcomePutsTheClientInItsDefaultRoom(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, _) = await JoinAsync(server, "alice");

        Assert.Equal(2, client.ProtocolVersion);
        Assert.True(client.SupportsRooms);
        Assert.Equal("#lobby", client.DefaultRoom);
        Assert.Equal(["#lobby"], client.Rooms);
        Assert.Equal(["alice", "bob", "carol"], client.Users);
        Assert.Equal(["alice", "bob", "carol"], client.UsersIn("#LOBBY"));
        Assert.Equal(["alice", "bob", "carol"], client.UsersIn(""));
        Assert.Equal("Say hi", client.TopicOf("#lobby"));
        Assert.True(client.IsAway("BOB"));
        Assert.False(client.IsAway("carol"));
        Assert.Empty(client.UsersIn("#dev"));
        Assert.Equal(string.Empty, client.TopicOf("#dev"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task JoiningARoomCompletesWithItsStateAndTheApplicationSeesItToo(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");

        var joining = client.JoinRoomAsync("  #Dev ");
        Assert.Equal(new JoinRoom("#Dev"), await session.ReceiveAsync<JoinRoom>());
        var answer = Dev("alice", "dave") with { AwayUsers = ["dave"] };
        await session.SendAsync(answer);

        Assert.Equivalent(answer, await joining.WithTimeout(), strict: true);
        Assert.Equal(["#lobby", "#dev"], client.Rooms);
        Assert.Equal(["alice", "dave"], client.UsersIn("#DEV"));
        Assert.Equal("Rooms", client.TopicOf("#dev"));
        Assert.True(client.IsAway("dave"));
        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equivalent(answer, reader.Current, strict: true);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task EachRoomsUsersFollowItsOwnPresenceNotices(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");
        await JoinDevAsync(client, session, "alice", "bob");
        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().WithTimeout()); // the RoomJoined

        await session.SendAsync(new UsersJoined(["erin"]) { Room = "#DEV" });
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal(["alice", "bob", "erin"], client.UsersIn("#dev"));
        Assert.Equal(["alice", "bob", "carol"], client.Users);

        // An empty room on a line or presence notice is the default room.
        await session.SendAsync(new UsersLeft([new Departure("carol", LeaveReason.Quit)]));
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal(["alice", "bob"], client.Users);
        Assert.Equal(["alice", "bob", "erin"], client.UsersIn("#dev"));

        await session.SendAsync(new UsersLeft([new Departure("bob", LeaveReason.Parted) { Text = "later" }]) { Room = "#dev" });
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal(["alice", "erin"], client.UsersIn("#dev"));
        Assert.Equal(["alice", "bob"], client.Users);
        Assert.True(client.IsAway("bob"), "bob is still in #lobby, so his away mark still holds.");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ARenameChangesTheNameInEachRoomItIsNewsIn(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");
        await JoinDevAsync(client, session, "alice", "bob");
        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().WithTimeout());

        await session.SendAsync(new UserRenamed("#dev", "bob", "Robert"));
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal(["alice", "Robert"], client.UsersIn("#dev"));
        Assert.Equal(["alice", "bob", "carol"], client.Users);
        Assert.True(client.IsAway("robert"));
        Assert.False(client.IsAway("bob"));

        await session.SendAsync(new UserRenamed("#lobby", "bob", "Robert"));
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal(["alice", "carol", "Robert"], client.Users);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ChangeNameCompletesWithTheOwnRenameAndUserNameFollowsIt(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");
        await JoinDevAsync(client, session, "alice", "bob");

        var renaming = client.ChangeNameAsync(" alicia ");
        Assert.Equal(new ChangeName("alicia"), await session.ReceiveAsync<ChangeName>());
        await session.SendAsync(new UserRenamed("#lobby", "bob", "robert")); // someone else's rename answers nothing
        await session.SendAsync(new UserRenamed("#lobby", "alice", "alicia"));
        await renaming.WithTimeout();
        await session.SendAsync(new UserRenamed("#dev", "alice", "alicia"));

        Assert.Equal("alicia", client.UserName);
        Assert.Equal("alice", client.Welcome.UserName);
        Assert.Equal(["alicia", "carol", "robert"], client.Users);
        await session.SendAsync(new ServerNotice("sync", SampleMessages.WholeSecond));
        await ReadUntilAsync<ServerNotice>(client);
        Assert.Equal(["alicia", "bob"], client.UsersIn("#dev"));
        Assert.Equal("alicia", client.UserName);
    }

    [Fact]
    public async Task AClientInNoRoomIsRenamedByTheOneNoticeWithoutARoom()
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var (client, session) = await JoinAsync(server, "alice");
        var leaving = client.LeaveRoomAsync("#lobby");
        await session.ReceiveAsync<LeaveRoom>();
        await session.SendAsync(new RoomLeft("#lobby", LeaveReason.Parted));
        await leaving.WithTimeout();

        var renaming = client.ChangeNameAsync("Alice");
        Assert.Equal(new ChangeName("Alice"), await session.ReceiveAsync<ChangeName>());
        await session.SendAsync(new UserRenamed("", "alice", "Alice"));
        await renaming.WithTimeout();

        Assert.Equal("Alice", client.UserName);
        Assert.Empty(client.Rooms);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ARefusedRequestThrowsTheServersCodeRoomAndText(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");

        var joining = client.JoinRoomAsync("#full");
        await session.ReceiveAsync<JoinRoom>();
        await session.SendAsync(new ErrorMessage(ErrorCode.NotInRoom, "You are not in #other.") { Room = "#other" }); // about another room
        await session.SendAsync(new ErrorMessage(ErrorCode.RoomFull, "#full has 10 members, the most it may have.") { Room = "#full" });

        var ex = await Assert.ThrowsAsync<ChatRequestException>(() => joining.WithTimeout());
        Assert.Equal(ErrorCode.RoomFull, ex.Code);
        Assert.Equal("#full", ex.Room);
        Assert.Equal("#full has 10 members, the most it may have.", ex.Message);
        Assert.Equal(["#lobby"], client.Rooms);

        var renaming = client.ChangeNameAsync("bob");
        await session.ReceiveAsync<ChangeName>();
        await session.SendAsync(new ErrorMessage(ErrorCode.NameTaken, "The name \"bob\" is taken."));
        var taken = await Assert.ThrowsAsync<ChatRequestException>(() => renaming.WithTimeout());
        Assert.Equal((ErrorCode.NameTaken, string.Empty), (taken.Code, taken.Room));
        Assert.Equal("alice", client.UserName);
        Assert.False(client.Completion.IsCompleted, "A refusal is not the end of the session.");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ARequestThatBreaksTheRulesIsRefusedBeforeAnythingIsSent(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");

        var badRoom = await Assert.ThrowsAsync<ChatRequestException>(() => client.JoinRoomAsync("dev").WithTimeout());
        Assert.Equal((ErrorCode.InvalidRoomName, "dev"), (badRoom.Code, badRoom.Room));
        Assert.Equal("A room name starts with '#', as in #dev.", badRoom.Message);
        var badName = await Assert.ThrowsAsync<ChatRequestException>(() => client.ChangeNameAsync("Server").WithTimeout());
        Assert.Equal(ErrorCode.NameInvalid, badName.Code);
        var longTopic = await Assert.ThrowsAsync<ChatRequestException>(() => client.SetTopicAsync("#lobby", new string('t', ProtocolInfo.MaxTopicLength + 1)).WithTimeout());
        Assert.Equal((ErrorCode.TextTooLong, "#lobby"), (longTopic.Code, longTopic.Room));
        var badAway = await Assert.ThrowsAsync<ChatRequestException>(() => client.SetAwayAsync("out\nlunch").WithTimeout());
        Assert.Equal(ErrorCode.InvalidText, badAway.Code);

        await client.SendAsync("next");
        Assert.Equal("next", (await session.ReceiveAsync<SendText>()).Text); // nothing went before it
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ARateLimitRefusalFailsTheOldestRequestWaiting(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");
        var joining = client.JoinRoomAsync("#dev");
        var listing = client.ListRoomsAsync();
        await session.ReceiveAsync<JoinRoom>();
        await session.ReceiveAsync<ListRooms>();

        await session.SendAsync(new ErrorMessage(ErrorCode.RateLimited, "You are sending too fast."));
        await session.SendAsync(SampleMessages.RoomList);

        var ex = await Assert.ThrowsAsync<ChatRequestException>(() => joining.WithTimeout());
        Assert.Equal((ErrorCode.RateLimited, string.Empty, "You are sending too fast."), (ex.Code, ex.Room, ex.Message));
        Assert.Equal(SampleMessages.RoomList.Rooms, await listing.WithTimeout());
    }

    [Fact]
    public async Task ARequestWithoutAnAnswerTimesOut()
    {
        var time = new FakeTimeProvider();
        var options = ChatClientOptions.Default with { TimeProvider = time, HandshakeTimeout = TimeSpan.FromSeconds(5) };
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var (client, session) = await JoinAsync(server, "alice", options);

        var listing = client.ListRoomsAsync();
        await session.ReceiveAsync<ListRooms>();
        time.Advance(TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<ChatTimeoutException>(() => listing.WithTimeout());
        Assert.Equal("The server did not answer listing the rooms within 5 s.", ex.Message);
        Assert.False(client.Completion.IsCompleted, "A request that timed out does not end the session.");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ALostConnectionFailsEveryRequestWaiting(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");
        var joining = client.JoinRoomAsync("#dev");
        var away = client.SetAwayAsync("lunch");
        await session.ReceiveAsync<JoinRoom>();
        await session.ReceiveAsync<SetAway>();

        session.Abort();

        await Assert.ThrowsAsync<ChatConnectionLostException>(() => joining.WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => away.WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.Completion.WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.ListRoomsAsync().WithTimeout());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task LeavingARoomKeepsTheConnectionAndForgetsTheRoom(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");
        await JoinDevAsync(client, session, "alice", "dave");

        var leaving = client.LeaveRoomAsync("#DEV", "later");
        Assert.Equal(new LeaveRoom("#DEV") { Text = "later" }, await session.ReceiveAsync<LeaveRoom>());
        await session.SendAsync(new RoomLeft("#dev", LeaveReason.Parted));
        await leaving.WithTimeout();
        Assert.Equal(["#lobby"], client.Rooms);
        Assert.Empty(client.UsersIn("#dev"));

        // The default room can be left too ("" names it); then Users is empty.
        var leavingLobby = client.LeaveRoomAsync("");
        Assert.Equal(new LeaveRoom("#lobby"), await session.ReceiveAsync<LeaveRoom>());
        await session.SendAsync(new RoomLeft("#lobby", LeaveReason.Parted));
        await leavingLobby.WithTimeout();
        Assert.Empty(client.Rooms);
        Assert.Empty(client.Users);
        Assert.False(client.IsAway("bob"), "The client shares no room with bob any more.");

        // Back in: the default room is listed first again, whenever it was joined.
        await JoinDevAsync(client, session, "alice");
        var rejoining = client.JoinRoomAsync("#lobby");
        await session.ReceiveAsync<JoinRoom>();
        await session.SendAsync(new RoomJoined("#lobby", "", ["alice", "bob"], [], 2));
        await rejoining.WithTimeout();
        Assert.Equal(["#lobby", "#dev"], client.Rooms);
        Assert.Equal(["alice", "bob"], client.Users);
        Assert.False(client.Completion.IsCompleted);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task JoiningARoomAgainStartsItsStateOverWithoutListingItTwice(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");
        await JoinDevAsync(client, session, "alice", "dave");

        var again = client.JoinRoomAsync("#dev");
        await session.ReceiveAsync<JoinRoom>();
        await session.SendAsync(Dev("alice", "erin") with { Topic = "New" });
        await again.WithTimeout();

        Assert.Equal(["#lobby", "#dev"], client.Rooms);
        Assert.Equal(["alice", "erin"], client.UsersIn("#dev"));
        Assert.Equal("New", client.TopicOf("#dev"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task SetTopicCompletesWithTheClientsOwnTopicChange(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");

        var setting = client.SetTopicAsync("", "Plans");
        Assert.Equal(new SetTopic("#lobby", "Plans"), await session.ReceiveAsync<SetTopic>());
        await session.SendAsync(new TopicChanged("#lobby", "Earlier", "bob", SampleMessages.WholeSecond));
        Assert.False(setting.IsCompleted, "bob's topic is not the answer.");
        await session.SendAsync(new TopicChanged("#lobby", "Plans", "alice", SampleMessages.WholeSecond));
        await setting.WithTimeout();

        Assert.Equal("Plans", client.TopicOf("#lobby"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task SetAwayCompletesWithTheClientsOwnAwayNotice(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");

        var away = client.SetAwayAsync("lunch");
        Assert.Equal(new SetAway("lunch"), await session.ReceiveAsync<SetAway>());
        await session.SendAsync(new UserAway("#lobby", "alice", "lunch"));
        await away.WithTimeout();
        Assert.True(client.IsAway("alice"));

        var back = client.SetAwayAsync("");
        await session.ReceiveAsync<SetAway>();
        await session.SendAsync(new UserAway("#lobby", "alice", ""));
        await back.WithTimeout();
        Assert.False(client.IsAway("alice"));

        await session.SendAsync(new UserAway("#lobby", "bob", ""));
        await ReadUntilAsync<UserAway>(client, skip: 2);
        Assert.False(client.IsAway("bob"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ListRoomsReturnsTheServersList(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");

        var listing = client.ListRoomsAsync();
        await session.ReceiveAsync<ListRooms>();
        await session.SendAsync(SampleMessages.RoomList);

        Assert.Equal(SampleMessages.RoomList.Rooms, await listing.WithTimeout());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task LinesGoToTheRoomTheyAreSentTo(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");

        await client.SendToRoomAsync("#dev", "hello dev").WithTimeout();
        await client.SendActionToRoomAsync("#dev", "waves").WithTimeout();
        await client.SendAsync("hello lobby").WithTimeout();

        Assert.Equal(new SendText("hello dev") { Room = "#dev" }, await session.ReceiveAsync<SendText>());
        Assert.Equal(new SendText("waves") { Room = "#dev", Kind = TextKind.Action }, await session.ReceiveAsync<SendText>());
        Assert.Equal(new SendText("hello lobby"), await session.ReceiveAsync<SendText>());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AVersionOneServerHasOneRoomAndNoRoomCalls(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice", hello => FakeSession.WelcomeFor(hello, "bob") with { ProtocolVersion = 1 });

        Assert.Equal(1, client.ProtocolVersion);
        Assert.False(client.SupportsRooms);
        Assert.Equal(string.Empty, client.DefaultRoom);
        Assert.Equal([string.Empty], client.Rooms);
        Assert.Equal(["alice", "bob"], client.UsersIn(""));
        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.JoinRoomAsync("#dev").WithTimeout());
        Assert.Equal("Joining a room needs a server with rooms (protocol version 2); this server speaks version 1, which has one room only.", ex.Message);
        await Assert.ThrowsAsync<NotSupportedException>(() => client.ListRoomsAsync().WithTimeout());
        await Assert.ThrowsAsync<NotSupportedException>(() => client.ChangeNameAsync("alicia").WithTimeout());
        await Assert.ThrowsAsync<NotSupportedException>(() => client.SetAwayAsync("lunch").WithTimeout());
        await Assert.ThrowsAsync<NotSupportedException>(() => client.SendToRoomAsync("#dev", "hi").WithTimeout());

        // Its one room is the default room: a version-1 app's calls work as they always did.
        await client.SendToRoomAsync("", "hi").WithTimeout();
        await client.SendAsync("hello").WithTimeout();
        Assert.Equal(new SendText("hi"), await session.ReceiveAsync<SendText>());
        Assert.Equal(new SendText("hello"), await session.ReceiveAsync<SendText>());
        await session.SendAsync(new UsersJoined(["carol"]));
        await ReadUntilAsync<UsersJoined>(client);
        Assert.Equal(["alice", "bob", "carol"], client.Users);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ACancelledRequestStopsWaitingAndItsLateAnswerStillCounts(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server, "alice");
        using var cancel = new CancellationTokenSource();

        var joining = client.JoinRoomAsync("#dev", cancel.Token);
        await session.ReceiveAsync<JoinRoom>();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => joining.WithTimeout());

        await session.SendAsync(Dev("alice"));
        await ReadUntilAsync<RoomJoined>(client);
        Assert.Equal(["#lobby", "#dev"], client.Rooms);
    }

    [Fact]
    public async Task UsersInIsEmptyWhenTheClientKeepsNoLists()
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var (client, session) = await JoinAsync(server, "alice", ChatClientOptions.Default with { TrackUsers = false });
        await JoinDevAsync(client, session, "alice", "dave");

        Assert.Equal(["#lobby", "#dev"], client.Rooms);
        Assert.Empty(client.UsersIn("#dev"));
        Assert.Throws<InvalidOperationException>(() => client.Users);
        Assert.True(client.IsAway("bob"));
    }

    /// <summary>Joins a client with a version-2 welcome into #lobby, with bob (away) and carol, topic "Say hi".</summary>
    private static async Task<(ChatClient Client, FakeSession Session)> JoinAsync(FakeChatServer server, string userName, ChatClientOptions? options = null)
    {
        var joining = server.ConnectClientAsync(userName, options);
        var session = await server.WelcomeNextAsync(hello => FakeSession.WelcomeFor(hello, "bob", "carol") with
        {
            ProtocolVersion = 2,
            Room = "#lobby",
            Topic = "Say hi",
            AwayUsers = ["bob"],
        });
        return (await joining.WithTimeout(), session);
    }

    /// <summary>The answer to joining #dev, with <paramref name="users"/> in it; bob is away, as the welcome says.</summary>
    private static RoomJoined Dev(params string[] users) =>
        new("#dev", "Rooms", users, [], users.Length) { AwayUsers = [.. users.Where(u => u == "bob")] };

    private static async Task JoinDevAsync(ChatClient client, FakeSession session, params string[] users)
    {
        var joining = client.JoinRoomAsync("#dev");
        await session.ReceiveAsync<JoinRoom>();
        await session.SendAsync(Dev(users));
        await joining.WithTimeout();
    }

    /// <summary>Reads the client's messages up to the first <typeparamref name="T"/> after <paramref name="skip"/> others of that type.</summary>
    private static async Task ReadUntilAsync<T>(ChatClient client, int skip = 0)
        where T : ChatMessage
    {
        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        var seen = 0;
        while (await reader.MoveNextAsync().WithTimeout())
        {
            if (reader.Current is T && seen++ == skip)
            {
                return;
            }
        }

        Assert.Fail($"The messages ended before a {typeof(T).Name}.");
    }
}
