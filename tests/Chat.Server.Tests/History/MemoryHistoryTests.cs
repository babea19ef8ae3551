using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.History;

/// <summary>The memory history's seams on their own: what its ring drops, its private log, its search and its epoch.</summary>
public class MemoryHistoryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ARoomLogCountsTheHighestIdItsRingDropped()
    {
        await using var log = new InMemoryRoomLog("#dev", 3, _time);
        Assert.Equal(0, log.PrunedThroughId);
        for (var i = 1; i <= 5; i++)
        {
            await log.AppendAsync(new LineDraft("alice", $"line {i}", TextKind.Plain));
            Assert.Equal(Math.Max(0, i - 3), log.PrunedThroughId);
        }

        await using var none = new InMemoryRoomLog("#none", 0, _time);
        await none.AppendAsync(new LineDraft("alice", "gone at once", TextKind.Plain));
        Assert.Equal(1, none.PrunedThroughId);

        // A log that goes on after ids of a vanished room keeps none of them.
        await using var again = new InMemoryRoomLog("#dev", 3, _time, lastId: 40);
        Assert.Equal(40, again.PrunedThroughId);
    }

    [Fact]
    public async Task ARoomLogSearchesTheLinesItKeepsNewestFirstBelowTheBound()
    {
        await using var log = new InMemoryRoomLog("#dev", 4, _time);
        foreach (var text in new[] { "deploy now", "Deploy later", "lunch", "DEPLOYED", "deploy again" })
        {
            await log.AppendAsync(new LineDraft("alice", text, TextKind.Plain));
        }

        // Line 1 fell out of the ring; "deploy*" finds line 4 too.
        Assert.Equal([5L, 2L], (await log.SearchAsync(new SearchQuery(["deploy"], 0, 10))).Select(line => line.Id));
        Assert.Equal([5L, 4L, 2L], (await log.SearchAsync(new SearchQuery(["deploy*"], 0, 10))).Select(line => line.Id));
        Assert.Equal([4L, 2L], (await log.SearchAsync(new SearchQuery(["deploy*"], 5, 10))).Select(line => line.Id));
        Assert.Equal([5L], (await log.SearchAsync(new SearchQuery(["deploy*"], 0, 1))).Select(line => line.Id));
    }

    [Fact]
    public async Task APrivateLogNumbersEveryMessageAndReadsOnlyThoseOfAUser()
    {
        await using var log = new InMemoryPrivateLog(10, _time);
        var one = await log.AppendAsync(new PrivateDraft("alice", "bob", "one", TextKind.Plain));
        _time.Advance(TimeSpan.FromSeconds(1));
        var two = await log.AppendAsync(new PrivateDraft("bob", "alice", "two", TextKind.Action));
        var three = await log.AppendAsync(new PrivateDraft("alice", "carol", "three", TextKind.Plain));

        Assert.Equal(new PrivateMessage("alice", "bob", "one", _time.GetUtcNow().UtcDateTime.AddSeconds(-1)) { Id = 1 }, one);
        Assert.Equal((2L, TextKind.Action), (two.Id, two.Kind));
        var all = new LogRange(0, long.MaxValue, 10, LogOrder.OldestFirst);
        Assert.Equal([one, two, three], await log.ReadAsync("ALICE", null, all));
        Assert.Equal([one, two], await log.ReadAsync("alice", "Bob", all));
        Assert.Equal([one, two], await log.ReadAsync("bob", null, all));
        Assert.Equal([three], await log.ReadAsync("carol", "alice", all));
        Assert.Empty(await log.ReadAsync("carol", "bob", all));
        Assert.Empty(await log.ReadAsync("dave", null, all));
        Assert.Equal([three, two], await log.ReadAsync("alice", null, new LogRange(0, long.MaxValue, 2, LogOrder.NewestFirst)));
        Assert.Equal([two], await log.ReadAsync("alice", null, new LogRange(1, 3, 10, LogOrder.OldestFirst)));
    }

    [Fact]
    public async Task APrivateLogCountsTheHighestIdItsRingDropped()
    {
        await using var log = new InMemoryPrivateLog(2, _time);
        for (var i = 1; i <= 4; i++)
        {
            await log.AppendAsync(new PrivateDraft("alice", "bob", $"message {i}", TextKind.Plain));
        }

        Assert.Equal(2, log.PrunedThroughId);
        Assert.Equal([3L, 4L], (await log.ReadAsync("bob", "alice", new LogRange(0, long.MaxValue, 10, LogOrder.OldestFirst))).Select(m => m.Id));
    }

    [Fact]
    public void EachMemoryStoreIsANewIdSpaceAndKeepsAtLeastAThousandLines()
    {
        var first = new InMemoryRoomLogStore(10, _time);
        var second = new InMemoryRoomLogStore(10, _time);

        Assert.Matches("^[0-9a-f]{32}$", first.Epoch);
        Assert.NotEqual(first.Epoch, second.Epoch);
        Assert.Equal(1000, ChatServerOptions.Default.MemoryLinesPerRoom);
        Assert.Equal(5000, (ChatServerOptions.Default with { HistoryLength = 5000 }).MemoryLinesPerRoom);
    }
}
