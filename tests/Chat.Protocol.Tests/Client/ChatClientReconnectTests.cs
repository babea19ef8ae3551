using static Chat.Protocol.Tests.Client.HistoryScript;

namespace Chat.Protocol.Tests.Client;

/// <summary>
/// Reconnecting (<see cref="ChatClientOptions.Reconnect"/>) against a scripted server over TCP:
/// what ends the client for good, what is retried, and the exact order of the stream after a
/// reconnect: rooms rejoined, the lines said meanwhile, held live lines without duplicates, gaps.
/// </summary>
public class ChatClientReconnectTests
{
    [Fact]
    public async Task CatchesUpEveryRoomInOrderThenReleasesLiveLinesWithoutDuplicates()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1", 1, 2), Reconnects);
        var joiningDev = client.JoinRoomAsync("#dev");
        await first.ReceiveAsync<JoinRoom>();
        await first.SendAsync(Joined("#dev", 7));
        await joiningDev.WithTimeout();
        await first.SendAsync(Line(Lobby, 3));
        await first.SendAsync(Whisper(11));
        Assert.Equal(3, (await client.TakeAsync(3)).Count); // #dev joined, line 3, whisper 11

        first.Abort();
        var second = await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e1", 2, 3, 4) with { Users = ["alice", "bob", "carol"] });

        // Live lines arrive before the catch-up is over: held, and given only if not in a batch.
        await second.SendAsync(Line(Lobby, 6));
        await second.SendAsync(Whisper(12));
        var lobby1 = await second.ReceiveAsync<HistoryRequest>();
        Assert.Equal(new HistoryRequest(lobby1.RequestId, Lobby, 3, 0, 0), lobby1);
        await second.SendAsync(Batch(lobby1, true, 4, 5));
        var lobby2 = await second.ReceiveAsync<HistoryRequest>();
        Assert.Equal((Lobby, 5L), (lobby2.Target, lobby2.AfterId));
        await second.SendAsync(Batch(lobby2, false, 6));

        Assert.Equal(new JoinRoom("#dev"), await second.ReceiveAsync<JoinRoom>());
        await second.SendAsync(Joined("#dev", 7, 8));
        var dev = await second.ReceiveAsync<HistoryRequest>();
        Assert.Equal(("#dev", 7L), (dev.Target, dev.AfterId));

        // Rate-limited: asked again after the wait the welcome's rate implies.
        await second.SendAsync(new ErrorMessage(ErrorCode.RateLimited, "Slow down.") { RequestId = dev.RequestId });
        var devAgain = await second.ReceiveAsync<HistoryRequest>();
        Assert.Equal(("#dev", 7L), (devAgain.Target, devAgain.AfterId));
        await second.SendAsync(Line("#dev", 9));
        await second.SendAsync(Batch(devAgain, false, 8, 9));

        var whispers = await second.ReceiveAsync<HistoryRequest>();
        Assert.Equal(new HistoryRequest(whispers.RequestId, "", 11, 0, 0) { Private = true }, whispers);
        await second.SendAsync(new HistoryBatch(whispers.RequestId, "", [], more: false) { Private = true, PrivateLines = [Whisper(12)] });
        await second.SendAsync(Line("#dev", 10));

        var stream = await client.TakeAsync(9);
        var reconnecting = Assert.IsType<Reconnecting>(stream[0]);
        Assert.Equal(1, reconnecting.Attempt);
        var reconnected = Assert.IsType<Reconnected>(stream[1]);
        Assert.Empty(reconnected.Welcome.Recent);
        Assert.Equal(["alice", "bob", "carol"], reconnected.Welcome.Users);
        var lobbyJoined = Assert.IsType<RoomJoined>(stream[2]);
        Assert.Equal((Lobby, "Say hi", 0), (lobbyJoined.Room, lobbyJoined.Topic, lobbyJoined.Recent.Count));
        Assert.Equal(Summary(Lobby, [4, 5], more: true), Summarize(stream[3]));
        Assert.Equal(Summary(Lobby, [6], more: false), Summarize(stream[4]));
        var devJoined = Assert.IsType<RoomJoined>(stream[5]);
        Assert.Equal(("#dev", 0), (devJoined.Room, devJoined.Recent.Count));
        Assert.Equal(Summary("#dev", [8, 9], more: false), Summarize(stream[6]));
        var privateBatch = Assert.IsType<HistoryBatch>(stream[7]);
        Assert.Equal((0, true, false, 12L), (privateBatch.RequestId, privateBatch.Private, privateBatch.Gap, privateBatch.PrivateLines.Single().Id));

        // Held: line 6, whisper 12 and line #dev 9 were in batches, so the first live line is #dev 10.
        var live = Assert.IsType<TextPosted>(stream[8]);
        Assert.Equal(("#dev", 10L), (live.Room, live.Id));
        Assert.Equal(["#lobby", "#dev"], client.Rooms);
        Assert.Equal(["alice", "bob", "carol"], client.Users);
        Assert.Equal([2L, 3L, 4L], client.Welcome.Recent.Select(l => l.Id)); // the newest session's welcome, as the server sent it
    }

    [Fact]
    public async Task ALineTheRoomPublishesOnlyAfterTheCatchUpIsOverIsNotGivenTwice()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1", 1), Reconnects);

        first.Abort();
        var second = await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e1", 1));
        var lobby = await second.ReceiveAsync<HistoryRequest>();
        await second.SendAsync(Batch(lobby, false, 2, 3));
        var stream = await client.TakeAsync(4); // Reconnecting, Reconnected, RoomJoined, the batch: the catch-up is over
        Assert.Equal(Summary(Lobby, [2, 3], more: false), Summarize(stream[3]));

        // Line 3 was committed before the server read the batch, but the room published it to this
        // session only after: it comes live too, and must not reach the application twice.
        await second.SendAsync(Line(Lobby, 3));
        await second.SendAsync(Line(Lobby, 4));
        Assert.Equal(4, Assert.IsType<TextPosted>((await client.TakeAsync(1)).Single()).Id);
    }

    [Fact]
    public async Task ANewEpochMeansAGapAndTheRecentLinesOfEachJoin()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1", 40, 41), Reconnects);
        await first.SendAsync(Whisper(90));
        Assert.IsType<PrivateMessage>((await client.TakeAsync(1)).Single());

        // The server restarted with its history in memory: ids began again.
        await first.CloseAsync(new ServerShutdown("Restarting."));
        var second = await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e2", 1, 2));
        await second.SendAsync(Line(Lobby, 2)); // held, and given in the batch already
        await second.SendAsync(Line(Lobby, 3));

        var stream = await client.TakeAsync(7);
        Assert.IsType<ServerShutdown>(stream[0]);
        Assert.Equal("The server shut down: Restarting.", Assert.IsType<Reconnecting>(stream[1]).Reason);
        Assert.Equal("e2", Assert.IsType<Reconnected>(stream[2]).Welcome.HistoryEpoch);
        Assert.IsType<RoomJoined>(stream[3]);
        var batch = Assert.IsType<HistoryBatch>(stream[4]);
        Assert.Equal((0, Lobby, true, false), (batch.RequestId, batch.Target, batch.Gap, batch.More));
        Assert.Equal([1L, 2L], batch.Lines.Select(l => l.Id));
        var whispers = Assert.IsType<HistoryBatch>(stream[5]);
        Assert.Equal((true, true, 0), (whispers.Private, whispers.Gap, whispers.PrivateLines.Count));
        Assert.Equal(3, Assert.IsType<TextPosted>(stream[6]).Id);
    }

    [Fact]
    public async Task ARoomThatCannotBeRejoinedIsSaidAndForgotten()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), Reconnects);
        var joiningDev = client.JoinRoomAsync("#dev");
        await first.ReceiveAsync<JoinRoom>();
        await first.SendAsync(Joined("#dev"));
        await joiningDev.WithTimeout();

        first.Abort();
        var second = await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e1"));
        var lobby = await second.ReceiveAsync<HistoryRequest>();
        Assert.Equal((Lobby, 0L, 0L), (lobby.Target, lobby.AfterId, lobby.BeforeId)); // nothing given yet: the latest
        await second.SendAsync(Batch(lobby, false));
        await second.ReceiveAsync<JoinRoom>();
        var full = new ErrorMessage(ErrorCode.RoomFull, "#dev is full.") { Room = "#dev" };
        await second.SendAsync(full);

        var stream = await client.TakeAsync(6);
        Assert.IsType<RoomJoined>(stream[0]); // the first join, then the reconnect
        Assert.IsType<Reconnecting>(stream[1]);
        Assert.IsType<Reconnected>(stream[2]);
        Assert.IsType<RoomJoined>(stream[3]);
        Assert.Equal(Summary(Lobby, [], more: false), Summarize(stream[4]));
        Assert.Equal(full, stream[5]);
        Assert.Equal([Lobby], client.Rooms);
    }

    [Fact]
    public async Task ADefaultRoomTheApplicationHadLeftIsLeftAgain()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), Reconnects);
        var leaving = client.LeaveRoomAsync("");
        await first.ReceiveAsync<LeaveRoom>();
        await first.SendAsync(new RoomLeft(Lobby, LeaveReason.Parted));
        await leaving.WithTimeout();

        first.Abort();
        var second = await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e1"));
        await second.SendAsync(Line(Lobby, 5)); // said before the server saw the client leave again: not shown
        Assert.Equal(new LeaveRoom(Lobby), await second.ReceiveAsync<LeaveRoom>());
        await second.SendAsync(new RoomLeft(Lobby, LeaveReason.Parted));
        await second.SendAsync(new ServerNotice("after", Noon));

        var stream = await client.TakeAsync(4);
        Assert.Equal([typeof(RoomLeft), typeof(Reconnecting), typeof(Reconnected), typeof(ServerNotice)], stream.Select(m => m.GetType()));
        Assert.Empty(client.Rooms);
    }

    [Fact]
    public async Task ANameStillTakenByItsOwnGhostIsTriedAgain()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), Reconnects);

        first.Abort();
        var refused = await server.AcceptAsync();
        Assert.Equal("alice", (await refused.ReceiveAsync<Hello>()).UserName);
        await refused.CloseAsync(new Rejected(RejectReason.NameTaken, "Someone called alice is here already."));
        await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e2"));

        var stream = await client.TakeAsync(3);
        Assert.Equal(1, Assert.IsType<Reconnecting>(stream[0]).Attempt);
        var again = Assert.IsType<Reconnecting>(stream[1]);
        Assert.Equal((2, "Someone called alice is here already."), (again.Attempt, again.Reason));
        Assert.IsType<Reconnected>(stream[2]);
        Assert.False(client.Completion.IsCompleted);
    }

    [Theory]
    [InlineData(ErrorCode.IdleTimeout)]
    [InlineData(ErrorCode.SlowConsumer)]
    [InlineData(ErrorCode.InternalError)]
    public async Task AServerThatDropsTheClientIsJoinedAgain(ErrorCode code)
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), Reconnects);
        var dropped = new ErrorMessage(code, "Dropped.") { Fatal = true };

        await first.CloseAsync(dropped);
        await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e2"));

        var stream = await client.TakeAsync(3);
        Assert.Equal(dropped, stream[0]);
        Assert.Equal("The server ended the session: Dropped.", Assert.IsType<Reconnecting>(stream[1]).Reason);
        Assert.IsType<Reconnected>(stream[2]);
        Assert.False(client.Completion.IsCompleted);
    }

    [Fact]
    public async Task AWrongPasswordOnTheWayBackEndsTheClientForGood()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), Reconnects);

        first.Abort();
        var refused = await server.AcceptAsync();
        await refused.ReceiveAsync<Hello>();
        await refused.CloseAsync(new Rejected(RejectReason.BadPassword, "Wrong password."));

        var ex = await Assert.ThrowsAsync<ChatRejectedException>(() => client.Completion.WithTimeout());
        Assert.True(ex.IsPasswordProblem);
        Assert.IsType<Reconnecting>((await client.TakeAsync(1)).Single());
        await Assert.ThrowsAsync<ChatRejectedException>(() => client.ReadMessagesAsync().ToListAsync().AsTask().WithTimeout());
    }

    [Fact]
    public async Task SendsFailAtOnceWhileReconnectingAndReconnectNowCutsTheWaitShort()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var patient = ChatClientOptions.Default with { Reconnect = new ReconnectBackoff { InitialDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(1) } };
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), patient);

        first.Abort();
        var waiting = Assert.IsType<Reconnecting>((await client.TakeAsync(1)).Single());
        Assert.True(waiting.Delay > TimeSpan.FromMinutes(30));

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.SendAsync("anyone?").AsTask().WithTimeout());
        Assert.Contains("reconnecting", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.SendToRoomAsync(Lobby, "hi").AsTask().WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.GetHistoryAsync(Lobby).WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.PingAsync().WithTimeout());
        Assert.False(client.Completion.IsCompleted);

        Assert.True(client.ReconnectNow());
        var second = await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e1") with { HistoryLimit = 0 });
        Assert.IsType<Reconnected>((await client.TakeAsync(1)).Single());
        await client.SendAsync("back").WithTimeout();
        Assert.Equal("back", (await second.ReceiveAsync<SendText>()).Text);
        Assert.False(client.ReconnectNow());
    }

    [Fact]
    public async Task LeavingWhileWaitingToReconnectEndsTheClient()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var patient = ChatClientOptions.Default with { Reconnect = new ReconnectBackoff { InitialDelay = TimeSpan.FromHours(1) } };
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), patient);

        first.Abort();
        Assert.IsType<Reconnecting>((await client.TakeAsync(1)).Single());
        await client.LeaveAsync("bye").WithTimeout();

        await client.Completion.WithTimeout();
        Assert.Empty(await client.ReadMessagesAsync().ToListAsync().AsTask().WithTimeout());
    }

    [Fact]
    public async Task WithoutReconnectALossEndsTheClientAsBefore()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"));

        first.Abort();

        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.Completion.WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.ReadMessagesAsync().ToListAsync().AsTask().WithTimeout());
    }

    [Fact]
    public async Task AClientOverAConnectionItWasHandedDoesNotReconnect()
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), Reconnects);

        first.Abort();

        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.Completion.WithTimeout());
        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => reader.MoveNextAsync().AsTask().WithTimeout()); // no Reconnecting first
    }

    private static string Summary(string room, long[] ids, bool more) => $"{room} [{string.Join(",", ids)}] more={more} gap=False id=0";

    private static string Summarize(ChatMessage message)
    {
        var batch = Assert.IsType<HistoryBatch>(message);
        return $"{batch.Target} [{string.Join(",", batch.Lines.Select(l => l.Id))}] more={batch.More} gap={batch.Gap} id={batch.RequestId}";
    }
}
