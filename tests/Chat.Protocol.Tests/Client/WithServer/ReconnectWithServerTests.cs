using static Chat.Protocol.Tests.Client.WithServer.StreamReading;

namespace Chat.Protocol.Tests.Client.WithServer;

/// <summary>
/// Reconnecting against the real server (Chat.Server.dll as a process) over TCP, through a relay
/// the test controls (<see cref="TcpRelay"/>): a restart with the history in memory (new ids: a
/// gap), a restart on the same SQLite data folder (every line once, no gap), a room that vanished
/// while the client was away (kept by SQLite, a gap in memory), a ghost session that keeps the name
/// taken, a kick, and a client that does not reconnect.
/// </summary>
public sealed class ReconnectWithServerTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("chat-reconnect-").FullName;

    [Fact]
    public async Task ARestartWithHistoryInMemoryGivesAGapThenTheLinesOfTheNewServer()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var relay = TcpRelay.Start(server.Port);
        await using var alice = await ChatClient.ConnectAsync("127.0.0.1", relay.Port, "alice", Reconnects).WithTimeout();
        var firstEpoch = alice.Welcome.HistoryEpoch;
        await using (var bob = await server.JoinAsync("bob"))
        {
            await bob.SendAsync("before the restart").WithTimeout();
            await alice.NextAsync<TextPosted>(p => p.Text == "before the restart");
        }

        relay.Refuse(true);
        await server.CommandAsync("close");
        var waiting = await alice.NextAsync<Reconnecting>();
        Assert.Contains("shut down", waiting.Reason, StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => alice.SendAsync("anyone?").AsTask().WithTimeout());
        Assert.Contains("reconnecting", ex.Message, StringComparison.Ordinal);

        await using var restarted = await ServerProcess.StartAsync();
        relay.RelayTo(restarted.Port);
        await using var carol = await restarted.JoinAsync("carol");
        await carol.SendAsync("said while alice was away").WithTimeout();
        await carol.NextAsync<TextPosted>(p => p.Text == "said while alice was away");
        relay.Refuse(false);

        var stream = await alice.ReadUntilAsync(m => m is Reconnected or RoomJoined or HistoryBatch, m => m is HistoryBatch, "the catch-up");
        var reconnected = Assert.IsType<Reconnected>(stream[0]);
        Assert.NotEqual(firstEpoch, reconnected.Welcome.HistoryEpoch); // a memory store's ids began again
        Assert.Empty(reconnected.Welcome.Recent);
        Assert.Equal("#lobby", Assert.IsType<RoomJoined>(stream[1]).Room);
        var batch = Assert.IsType<HistoryBatch>(stream[2]);
        Assert.True(batch.Gap);
        Assert.Equal(["said while alice was away"], batch.Lines.Select(l => l.Text));

        await carol.SendAsync("live again").WithTimeout();
        var live = await alice.NextAsync<TextPosted>();
        Assert.Equal(("live again", batch.Lines[^1].Id + 1), (live.Text, live.Id));
        Assert.False(alice.Completion.IsCompleted);
    }

    [Fact]
    public async Task ARestartOnTheSameDataFolderCatchesUpEveryRoomWithEachLineOnceAndNoGapThoughTheRoomVanishedMeanwhile()
    {
        string[] sqlite = ["--history", "sqlite", "--data", _data, "--history-limit", "7", "--history-on-join", "3", .. Unlimited];
        await using var server = await ServerProcess.StartAsync(sqlite);
        await using var relay = TcpRelay.Start(server.Port);
        await using var alice = await ChatClient.ConnectAsync("127.0.0.1", relay.Port, "alice", Reconnects).WithTimeout();
        await alice.JoinRoomAsync("#dev").WithTimeout();
        long lastLobby, lastDev;
        await using (var bob = await server.JoinAsync("bob"))
        {
            await bob.JoinRoomAsync("#dev").WithTimeout();
            await bob.SendAsync("lobby before").WithTimeout();
            await bob.SendToRoomAsync("#dev", "dev before").WithTimeout();
            // Rooms are independent: their lines may come in either order.
            var before = (await alice.LinesAsync(2)).ToDictionary(l => l.Text, l => l.Id);
            (lastLobby, lastDev) = (before["lobby before"], before["dev before"]);
        }

        relay.Refuse(true);
        await server.CommandAsync("close");
        await alice.NextAsync<Reconnecting>();
        Assert.Equal(0, await server.Process.WaitForExitAsync());

        await using var restarted = await ServerProcess.StartAsync(sqlite);
        relay.RelayTo(restarted.Port);
        await using var carol = await restarted.JoinAsync("carol");
        await carol.JoinRoomAsync("#dev").WithTimeout();
        for (var i = 1; i <= 16; i++)
        {
            await carol.SendAsync($"lobby {i}").WithTimeout();
            await carol.SendToRoomAsync("#dev", $"dev {i}").WithTimeout();
        }

        await carol.NextAsync<TextPosted>(p => p.Text == "dev 16");

        // The last member leaves: #dev vanishes (answered after the leave), and its lines stay in the file.
        await carol.LeaveRoomAsync("#dev").WithTimeout();
        Assert.DoesNotContain("#dev", (await carol.ListRoomsAsync().WithTimeout()).Select(r => r.Name));

        relay.Refuse(false);
        var stream = (await alice.ReadUntilAsync(IsCatchUp, m => m is HistoryBatch { Target: "#dev", More: false }, "the catch-up of #dev"))
            .SkipWhile(m => m is Reconnecting).ToList();

        Assert.True(stream[0] is Reconnected, string.Join("\n", stream));
        Assert.Equal(["#lobby", "#dev"], stream.OfType<RoomJoined>().Select(j => j.Room));
        var lobby = BatchLines(stream, "#lobby");
        var dev = BatchLines(stream, "#dev");
        Assert.Equal(Enumerable.Range(1, 16).Select(i => $"lobby {i}"), lobby.Select(l => l.Text));
        Assert.Equal(Enumerable.Range(1, 16).Select(i => $"dev {i}"), dev.Select(l => l.Text));
        Assert.Equal(Enumerable.Range(1, 16).Select(i => lastLobby + i), lobby.Select(l => l.Id)); // ids go on, none skipped
        Assert.Equal(Enumerable.Range(1, 16).Select(i => lastDev + i), dev.Select(l => l.Id));
        Assert.True(stream.OfType<HistoryBatch>().Count(b => b.Target == "#lobby") >= 3, "16 lines with a limit of 7 take several batches.");
        Assert.All(stream.OfType<HistoryBatch>(), b => Assert.False(b.Gap));
        Assert.All(stream.OfType<HistoryBatch>(), b => Assert.Equal(0, b.RequestId));
        Assert.Empty(stream.OfType<TextPosted>()); // nothing said live in between
        Assert.Equal(["#lobby", "#dev"], alice.Rooms);

        await using var dave = await restarted.JoinAsync("dave");
        await dave.SendAsync("live").WithTimeout();
        var live = await alice.NextAsync<TextPosted>();
        Assert.Equal(("live", lastLobby + 17), (live.Text, live.Id));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("memory")]
    public async Task ARoomThatVanishedWhileTheClientWasAwayIsCaughtUpFromTheFileOrIsAGapInMemory(string store)
    {
        string[] options = store == "sqlite" ? ["--history", "sqlite", "--data", _data, .. Unlimited] : ["--history", "memory", .. Unlimited];
        await using var server = await ServerProcess.StartAsync(options);
        await using var relay = TcpRelay.Start(server.Port);
        await using var alice = await ChatClient.ConnectAsync("127.0.0.1", relay.Port, "alice", Reconnects).WithTimeout();
        await alice.JoinRoomAsync("#dev").WithTimeout();
        await using var bob = await server.JoinAsync("bob");
        await bob.JoinRoomAsync("#dev").WithTimeout();
        await using var carol = await server.JoinAsync("carol");
        await carol.JoinRoomAsync("#dev").WithTimeout();
        await bob.SendToRoomAsync("#dev", "seen").WithTimeout();
        var seen = await alice.NextAsync<TextPosted>(p => p.Text == "seen");

        // Alice's connection drops and stays down; the server sees her leave #dev.
        relay.Refuse(true);
        relay.CutAll();
        await alice.NextAsync<Reconnecting>();
        await bob.NextAsync<UsersLeft>(m => m.Room == "#dev" && m.Departures.Any(d => d.UserName == "alice"), "alice to leave #dev");

        var missed = Enumerable.Range(1, 6).Select(i => $"missed {i}").ToList();
        foreach (var (text, i) in missed.Select((text, i) => (text, i)))
        {
            await (i % 2 == 0 ? bob : carol).SendToRoomAsync("#dev", text).WithTimeout();
            await bob.NextAsync<TextPosted>(p => p.Text == text);
        }

        // Everyone leaves: #dev vanishes (carol's list is answered after her leave retired the room).
        await bob.LeaveRoomAsync("#dev").WithTimeout();
        await carol.LeaveRoomAsync("#dev").WithTimeout();
        Assert.DoesNotContain("#dev", (await carol.ListRoomsAsync().WithTimeout()).Select(r => r.Name));

        relay.Refuse(false);
        var stream = (await alice.ReadUntilAsync(IsCatchUp, m => m is HistoryBatch { Target: "#dev", More: false }, "the catch-up of #dev"))
            .SkipWhile(m => m is Reconnecting).ToList();
        Assert.True(stream[0] is Reconnected, string.Join("\n", stream));
        Assert.Equal(["#lobby", "#dev"], stream.OfType<RoomJoined>().Select(j => j.Room));
        var batches = stream.OfType<HistoryBatch>().Where(b => b.Target == "#dev").ToList();
        var dev = BatchLines(stream, "#dev");
        if (store == "sqlite")
        {
            Assert.All(batches, b => Assert.False(b.Gap));
            Assert.Equal(missed, dev.Select(l => l.Text));
            Assert.Equal(Enumerable.Range(1, 6).Select(i => seen.Id + i), dev.Select(l => l.Id));
        }
        else
        {
            // Memory lost the lines with the room: the client is told, not shown a seamless join.
            Assert.True(batches[0].Gap);
            Assert.Empty(dev);
        }

        Assert.Empty(stream.OfType<TextPosted>());
        await bob.JoinRoomAsync("#dev").WithTimeout();
        await bob.SendToRoomAsync("#dev", "live").WithTimeout();
        var live = await alice.NextAsync<TextPosted>(p => p.Room == "#dev");
        Assert.Equal(("live", seen.Id + 7), (live.Text, live.Id)); // ids go on in both stores
    }

    [Fact]
    public async Task ANameKeptByItsOwnGhostIsTriedAgainUntilTheGhostGoesThenWhatItMissedFollows()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var relay = TcpRelay.Start(server.Port);
        await using var alice = await ChatClient.ConnectAsync("127.0.0.1", relay.Port, "alice", Reconnects).WithTimeout();
        await using var bob = await server.JoinAsync("bob");
        await bob.SendAsync("seen").WithTimeout();
        var seen = await alice.NextAsync<TextPosted>(p => p.Text == "seen");
        await bob.SendPrivateAsync("alice", "seen privately").WithTimeout();
        var seenPrivately = await alice.NextAsync<PrivateMessage>(m => m.Text == "seen privately");

        // Alice's network vanishes: the server still holds her session, and her name, and delivers to it.
        relay.AbandonClients();
        await bob.SendAsync("missed").WithTimeout();
        await bob.SendPrivateAsync("alice", "missed privately").WithTimeout();
        await bob.NextAsync<PrivateMessage>(m => m.Text == "missed privately"); // bob's copy: stored and sent
        var refused = await alice.NextAsync<Reconnecting>(r => r.Attempt >= 2, "a reconnect refused");
        Assert.Contains("alice", refused.Reason, StringComparison.Ordinal);

        relay.CutAll(); // the ghost goes
        await bob.DepartureOfAsync("alice");
        var stream = (await alice.ReadUntilAsync(IsCatchUp, m => m is HistoryBatch { Private: true }, "the private catch-up"))
            .SkipWhile(m => m is Reconnecting).ToList();
        Assert.IsType<Reconnected>(stream[0]);
        var batch = Assert.IsType<HistoryBatch>(stream[2]);
        Assert.False(batch.Gap);
        Assert.Equal([("missed", seen.Id + 1)], batch.Lines.Select(l => (l.Text, l.Id)));
        var whispers = Assert.IsType<HistoryBatch>(stream[^1]);
        Assert.Equal(["missed privately"], whispers.PrivateLines.Select(m => m.Text));
        Assert.True(whispers.PrivateLines[0].Id > seenPrivately.Id);
    }

    [Fact]
    public async Task AKickedClientDoesNotComeBack()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var alice = await server.JoinAsync("alice", Reconnects);

        await server.CommandAsync("kick alice enough");

        var messages = await alice.ReadToEndAsync();
        Assert.Equal(2, messages.Count);
        Assert.Equal(ErrorCode.Kicked, Assert.IsType<ErrorMessage>(messages[0]).Code);
        Assert.EndsWith("The client does not join again by itself.", Assert.IsType<NotReconnecting>(messages[1]).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutReconnectAServerShutdownEndsTheClientAsBefore()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var alice = await server.JoinAsync("alice");

        await server.CommandAsync("close");

        var messages = await alice.ReadToEndAsync();
        Assert.IsType<ServerShutdown>(Assert.Single(messages));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
