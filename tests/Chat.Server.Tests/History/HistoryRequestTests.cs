using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.History;

/// <summary>History requests over real TCP (docs/protocol.md, section 7, History: R7.50-R7.54, R7.59), against both stores.</summary>
public sealed class HistoryRequestTests : IDisposable
{
    private readonly HistoryFolder _folder = new();

    public static TheoryData<string> Stores => new() { "memory", "sqlite" };

    [Theory]
    [MemberData(nameof(Stores))]
    [Trait("ProtocolRule", "R7.52")]
    public async Task LatestBeforeAfterAndBetweenSelectTheirLinesOldestFirstAndSayWhetherThereAreMore(string store)
    {
        await using var server = TestServer.Start(_folder.Store(store, o => o with { MessageRate = 0 }));
        await using var alice = await server.JoinRawAsync("alice");
        var ids = (await alice.PostLinesAsync(10)).Ids();

        // Latest: from the newest end, oldest first; older lines remain.
        var latest = await alice.HistoryAsync(string.Empty, limit: 3);
        Assert.Equal(ids[7..], latest.Lines.Ids());
        Assert.True(latest.More);
        Assert.Equal("#lobby", latest.Target);
        Assert.All(latest.Lines, line => Assert.Equal("#lobby", line.Room));

        // Before: the lines just before an id; the last page says there are no more.
        var before = await alice.HistoryAsync(string.Empty, beforeId: ids[3], limit: 3);
        Assert.Equal(ids[..3], before.Lines.Ids());
        Assert.False(before.More);
        Assert.True((await alice.HistoryAsync(string.Empty, beforeId: ids[4], limit: 3)).More);

        // After: the lines just after an id, from the oldest end; newer lines remain, then none.
        var after = await alice.HistoryAsync(string.Empty, afterId: ids[1], limit: 3);
        Assert.Equal(ids[2..5], after.Lines.Ids());
        Assert.True(after.More);
        var end = await alice.HistoryAsync(string.Empty, afterId: ids[6], limit: 3);
        Assert.Equal(ids[7..], end.Lines.Ids());
        Assert.False(end.More);

        // Between: both bounds exclusive; taken from the AfterId end.
        var between = await alice.HistoryAsync(string.Empty, afterId: ids[1], beforeId: ids[8], limit: 4);
        Assert.Equal(ids[2..6], between.Lines.Ids());
        Assert.True(between.More);
        var all = await alice.HistoryAsync(string.Empty, afterId: ids[1], beforeId: ids[8]);
        Assert.Equal(ids[2..8], all.Lines.Ids());
        Assert.False(all.More);
        Assert.False(all.Gap);

        // The lines are the ones posted, fields and all.
        var posted = (await alice.HistoryAsync("#LOBBY")).Lines;
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"line {i}"), posted.Select(line => line.Text));
        Assert.All(posted, line => Assert.Equal(("alice", TextKind.Plain), (line.Author, line.Kind)));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    [Trait("ProtocolRule", "R7.52")]
    public async Task PagingBackAndForthCoversTheWholeHistoryOnceInOrder(string store)
    {
        await using var server = TestServer.Start(_folder.Store(store, o => o with { MessageRate = 0 }));
        await using var alice = await server.JoinRawAsync("alice");
        var ids = (await alice.PostLinesAsync(1000)).Ids();

        var back = new List<long>();
        long oldest = 0;
        for (var more = true; more;)
        {
            var page = await alice.HistoryAsync(string.Empty, beforeId: oldest, requestId: back.Count + 1);
            Assert.InRange(page.Lines.Count, 1, 200);
            back.InsertRange(0, page.Lines.Ids());
            oldest = page.Lines[0].Id;
            more = page.More;
        }

        // Forward from the first line (an AfterId of 0 is no bound, which asks for the latest).
        var forward = new List<long> { back[0] };
        for (var more = true; more;)
        {
            var page = await alice.HistoryAsync(string.Empty, afterId: forward[^1], requestId: forward.Count + 1);
            Assert.InRange(page.Lines.Count, 1, 200);
            forward.AddRange(page.Lines.Ids());
            more = page.More;
        }

        Assert.Equal(ids, back);
        Assert.Equal(ids, forward);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.53")]
    public async Task ALimitOfZeroOrAboveTheCapIsTheCap()
    {
        await using var server = TestServer.Start(o => o with { MessageRate = 0, HistoryLimit = 5 });
        await using var alice = await server.ConnectRawAsync();
        Assert.Equal(5, (await alice.JoinAsync("alice")).HistoryLimit);
        var ids = (await alice.PostLinesAsync(8)).Ids();

        Assert.Equal(ids[3..], (await alice.HistoryAsync(string.Empty, limit: 0)).Lines.Ids());
        Assert.Equal(ids[3..], (await alice.HistoryAsync(string.Empty, limit: 100)).Lines.Ids());
        Assert.Equal(ids[3..], (await alice.HistoryAsync(string.Empty, limit: -4)).Lines.Ids());
        var three = await alice.HistoryAsync(string.Empty, limit: 3);
        Assert.Equal(ids[5..], three.Lines.Ids());
        Assert.True(three.More);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    [Trait("ProtocolRule", "R7.53")]
    public async Task ABatchStopsAt256KiBAndSaysThereIsMore(string store)
    {
        await using var server = TestServer.Start(_folder.Store(store, o => o with { MessageRate = 0 }));
        await using var alice = await server.JoinRawAsync("alice");

        // 100 lines of 4,000 two-byte characters: about 800 KB, more than three batches hold.
        var ids = new List<long>();
        for (var i = 0; i < 100; i++)
        {
            ids.AddRange((await alice.PostAsync(string.Empty, [$"{i:D3}" + new string('é', 3996)])).Ids());
        }

        var pages = new List<HistoryBatch>();
        long oldest = 0;
        for (var more = true; more;)
        {
            var page = await alice.HistoryAsync(string.Empty, beforeId: oldest, requestId: pages.Count + 1);
            Assert.InRange(alice.LastFrameLength, 1, ChatServerOptions.MaxHistoryBytes);
            pages.Insert(0, page);
            oldest = page.Lines[0].Id;
            more = page.More;
        }

        // Cut by bytes, not by the cap of 200 lines: every page but the oldest says there is more.
        Assert.InRange(pages.Count, 4, 100);
        Assert.False(pages[0].More);
        Assert.All(pages.Skip(1), page => Assert.True(page.More));
        Assert.Equal(ids, pages.SelectMany(page => page.Lines).Ids());
    }

    [Fact]
    [Trait("ProtocolRule", "R7.51")]
    public async Task OnlyARoomOfTheClientIsReadAndEachRefusalNamesTheRoomAndTheRequest()
    {
        await using var server = TestServer.Start(o => o with { MessageRate = 0 });
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#Dev");
        await alice.SayAsync("#dev", "secret plans");
        await using var bob = await server.JoinRawAsync("bob");

        var notIn = await bob.RefusedAsync(new HistoryRequest(7, "#DEV", 0, 0, 0));
        Assert.Equal((ErrorCode.NotInRoom, "#Dev", 7), (notIn.Code, notIn.Room, notIn.RequestId));
        var noSuch = await bob.RefusedAsync(new HistoryRequest(8, "#nowhere", 0, 0, 0));
        Assert.Equal((ErrorCode.NoSuchRoom, "#nowhere", 8), (noSuch.Code, noSuch.Room, noSuch.RequestId));
        var badName = await bob.RefusedAsync(new HistoryRequest(9, "lobby", 0, 0, 0));
        Assert.Equal((ErrorCode.NoSuchRoom, 9), (badName.Code, badName.RequestId));
        var search = await bob.RefusedAsync(new SearchRequest(10, "#dev", "plans", 0, 0));
        Assert.Equal((ErrorCode.NotInRoom, "#Dev", 10), (search.Code, search.Room, search.RequestId));

        // "" is the default room, which a client that left it cannot read either.
        await alice.SendAsync(new LeaveRoom("#lobby"));
        await alice.ReceiveAsync<RoomLeft>();
        var left = await alice.RefusedAsync(new HistoryRequest(11, string.Empty, 0, 0, 0));
        Assert.Equal((ErrorCode.NotInRoom, "#lobby", 11), (left.Code, left.Room, left.RequestId));
        Assert.Equal(["secret plans"], (await alice.HistoryAsync("#dev", requestId: 12)).Lines.Select(line => line.Text));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.50")]
    public async Task EveryRequestIsAnsweredOnceInOrderWithItsRequestId()
    {
        await using var server = TestServer.Start(o => o with { MessageRate = 0 });
        await using var alice = await server.JoinRawAsync("alice");
        await alice.PostLinesAsync(3);

        await alice.SendAsync(new HistoryRequest(41, string.Empty, 0, 0, 1));
        await alice.SendAsync(new SearchRequest(42, string.Empty, "line", 0, 0));
        await alice.SendAsync(new HistoryRequest(43, "#nowhere", 0, 0, 0));
        await alice.SendAsync(new HistoryRequest(44, string.Empty, 0, 0, 0) { Private = true });
        await alice.SendAsync(new Ping(45));

        var answers = await alice.UntilAsync(message => message is Pong);
        Assert.Collection(
            answers,
            m => Assert.Equal(41, Assert.IsType<HistoryBatch>(m).RequestId),
            m => Assert.Equal((42, 3), (Assert.IsType<SearchResults>(m).RequestId, ((SearchResults)m).Lines.Count)),
            m => Assert.Equal(43, Assert.IsType<ErrorMessage>(m).RequestId),
            m => Assert.Equal((44, true), (Assert.IsType<HistoryBatch>(m).RequestId, ((HistoryBatch)m).Private)),
            m => Assert.IsType<Pong>(m));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.50")]
    public async Task AServerWithoutHistoryRequestsSaysSoInItsWelcomeAndRefusesThem()
    {
        await using var server = TestServer.Start(o => o with { HistoryLimit = 0 });
        await using var alice = await server.ConnectRawAsync();
        var welcome = await alice.JoinAsync("alice");
        Assert.Equal(0, welcome.HistoryLimit);
        Assert.NotEmpty(welcome.HistoryEpoch);

        var history = await alice.RefusedAsync(new HistoryRequest(3, string.Empty, 0, 0, 0));
        Assert.Equal((ErrorCode.NotAllowed, 3), (history.Code, history.RequestId));
        var search = await alice.RefusedAsync(new SearchRequest(4, string.Empty, "hello", 0, 0));
        Assert.Equal((ErrorCode.NotAllowed, 4), (search.Code, search.RequestId));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.50")]
    public async Task AVersionOneClientHasNoHistoryInItsWelcomeAndItsRequestsAreSkipped()
    {
        await using var server = TestServer.Start();
        await using var old = await server.ConnectRawAsync();
        var welcome = Assert.IsType<Welcome>(await old.HelloAsync("old", protocolVersion: 1));
        Assert.Equal((1, 0, string.Empty), (welcome.ProtocolVersion, welcome.HistoryLimit, welcome.HistoryEpoch));

        await old.SendAsync(new HistoryRequest(1, string.Empty, 0, 0, 0));
        await old.SendAsync(new SearchRequest(2, string.Empty, "hello", 0, 0));
        await old.SendAsync(new Ping(3));

        // Nothing answers the requests: the pong is the next message.
        Assert.Equal(new Pong(3), await old.ReceiveAsync());

        await using var current = await server.ConnectRawAsync();
        var v2 = await current.JoinAsync("current");
        Assert.Equal((2, 200), (v2.ProtocolVersion, v2.HistoryLimit));
        Assert.Matches("^[0-9a-f]{32}$", v2.HistoryEpoch);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.59")]
    public async Task EachRequestTakesATokenAndARateLimitedOneCarriesItsRequestId()
    {
        await using var server = TestServer.Start(o => o with { MessageRate = 0.001, MessageBurst = 2 });
        await using var alice = await server.JoinRawAsync("alice");

        await alice.SendAsync(new HistoryRequest(1, string.Empty, 0, 0, 0));
        await alice.SendAsync(new SearchRequest(2, string.Empty, "hello", 0, 0));
        await alice.SendAsync(new HistoryRequest(3, string.Empty, 0, 0, 0));

        Assert.Equal(1, (await alice.ReceiveAsync<HistoryBatch>()).RequestId);
        Assert.Equal(2, (await alice.ReceiveAsync<SearchResults>()).RequestId);
        var refused = await alice.ReceiveAsync<ErrorMessage>();
        Assert.Equal((ErrorCode.RateLimited, false, 3), (refused.Code, refused.Fatal, refused.RequestId));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.54")]
    public async Task LinesTheMemoryHistoryDroppedAreAGapAfterAnEarlierId()
    {
        await using var server = TestServer.Start(o => o with { MessageRate = 0, HistoryLength = 0 });
        Assert.Equal(1000, server.Server.Options.MemoryLinesPerRoom);
        await using var alice = await server.JoinRawAsync("alice");
        var ids = (await alice.PostLinesAsync(1002)).Ids();

        // The ring keeps the newest 1,000: the first two lines are gone.
        var gap = await alice.HistoryAsync(string.Empty, afterId: ids[0], limit: 5);
        Assert.True(gap.Gap);
        Assert.Equal(ids[2..7], gap.Lines.Ids());
        var seamless = await alice.HistoryAsync(string.Empty, afterId: ids[1], limit: 5);
        Assert.False(seamless.Gap);
        Assert.Equal(ids[2..7], seamless.Lines.Ids());

        // Only a request with an AfterId can have a gap; the oldest page ends the history.
        var oldest = await alice.HistoryAsync(string.Empty, beforeId: ids[5]);
        Assert.Equal((false, false), (oldest.Gap, oldest.More));
        Assert.Equal(ids[2..5], oldest.Lines.Ids());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    [Trait("ProtocolRule", "R7.54")]
    public async Task ARoomCreatedAgainAfterItVanishedHasItsOldLinesOnDiskAndIsAGapInMemory(string store)
    {
        await using var server = TestServer.Start(_folder.Store(store, o => o with { MessageRate = 0 }));
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#tmp");
        var old = (await alice.PostAsync("#tmp", ["one", "two"])).Ids();
        await alice.SendAsync(new LeaveRoom("#tmp"));
        await alice.ReceiveAsync<RoomLeft>();
        await Condition.UntilAsync(() => server.Server.Rooms.Find("#tmp") is null, "#tmp vanished");

        var joined = await alice.JoinRoomAsync("#tmp");
        var again = (await alice.PostAsync("#tmp", ["three"])).Ids();

        Assert.Equal(old[1] + 1, again[0]);
        var afterFirst = await alice.HistoryAsync("#tmp", afterId: old[0]);
        var seamless = await alice.HistoryAsync("#tmp", afterId: old[1]);
        Assert.False(seamless.Gap);
        Assert.Equal(again, seamless.Lines.Ids());
        if (store == "sqlite")
        {
            // The file kept the room's lines while it was gone.
            Assert.Equal(old, joined.Recent.Ids());
            Assert.False(afterFirst.Gap);
            Assert.Equal([old[1], .. again], afterFirst.Lines.Ids());
        }
        else
        {
            // Memory lost them with the room: a catch-up across the hole is told so.
            Assert.Empty(joined.Recent);
            Assert.True(afterFirst.Gap);
            Assert.Equal(again, afterFirst.Lines.Ids());
        }
    }

    public void Dispose() => _folder.Dispose();
}
