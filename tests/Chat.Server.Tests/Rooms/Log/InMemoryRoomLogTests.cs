using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Rooms.Log;

public class InMemoryRoomLogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TheLogGivesEachLineTheNextIdTheClocksTimeAndItsRoom()
    {
        await using var log = new InMemoryRoomLog("#dev", 10, _time);

        var append = log.AppendAsync(new LineDraft("alice", "hello", TextKind.Plain));
        Assert.True(append.IsCompletedSuccessfully); // the hot path never waits
        var first = await append;
        _time.Advance(TimeSpan.FromSeconds(2));
        var second = await log.AppendAsync(new LineDraft("bob", "waves", TextKind.Action));

        Assert.Equal(new TextPosted(1, "alice", "hello", _time.GetUtcNow().UtcDateTime.AddSeconds(-2)) { Room = "#dev" }, first);
        Assert.Equal(new TextPosted(2, "bob", "waves", _time.GetUtcNow().UtcDateTime) { Kind = TextKind.Action, Room = "#dev" }, second);
    }

    [Fact]
    public async Task ItKeepsTheLastLinesAndReadsThemByRangeInEitherOrder()
    {
        await using var log = new InMemoryRoomLog("#dev", 3, _time);
        for (var i = 1; i <= 5; i++)
        {
            await log.AppendAsync(new LineDraft("alice", $"line {i}", TextKind.Plain));
        }

        Assert.Equal(new long[] { 5, 4, 3 }, Ids(await log.ReadAsync(LogRange.Newest(10))));
        Assert.Equal(new long[] { 5, 4 }, Ids(await log.ReadAsync(LogRange.Newest(2))));
        Assert.Equal(new long[] { 4, 3 }, Ids(await log.ReadAsync(new LogRange(0, 5, 2, LogOrder.NewestFirst))));
        Assert.Equal(new long[] { 4, 5 }, Ids(await log.ReadAsync(new LogRange(3, long.MaxValue, 10, LogOrder.OldestFirst))));
        Assert.Equal(new long[] { 3 }, Ids(await log.ReadAsync(new LogRange(0, long.MaxValue, 1, LogOrder.OldestFirst))));
    }

    [Fact]
    public async Task ALogOfNoLinesStillNumbersThem()
    {
        await using var log = new InMemoryRoomLog("#dev", 0, _time);

        await log.AppendAsync(new LineDraft("alice", "a", TextKind.Plain));
        var second = await log.AppendAsync(new LineDraft("alice", "b", TextKind.Plain));

        Assert.Equal(2, second.Id);
        Assert.Empty(await log.ReadAsync(LogRange.Newest(10)));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.18")]
    public async Task ARoomOpenedAgainGoesOnAfterTheIdsOfEveryRoomThatVanished()
    {
        var store = new InMemoryRoomLogStore(10, _time);
        var first = await store.OpenAsync("#tmp");
        var other = await store.OpenAsync("#other");
        for (var i = 0; i < 4; i++)
        {
            await first.AppendAsync(new LineDraft("alice", "x", TextKind.Plain));
        }

        Assert.Equal(1, (await other.AppendAsync(new LineDraft("bob", "y", TextKind.Plain))).Id);
        await first.SaveTopicAsync(new RoomTopic("gone with the room", "alice", DateTime.UnixEpoch));
        await first.DisposeAsync();

        // In memory a room that vanished lost its lines and topic: what came before is reported as no longer kept.
        await using var again = await store.OpenAsync("#TMP");
        Assert.Empty(await again.ReadAsync(LogRange.Newest(10)));
        Assert.Equal(4, again.PrunedThroughId);
        Assert.Same(RoomTopic.None, again.Topic);
        Assert.Equal(5, (await again.AppendAsync(new LineDraft("alice", "z", TextKind.Plain))).Id);
        await other.DisposeAsync();
    }

    private static long[] Ids(IReadOnlyList<TextPosted> lines) => [.. lines.Select(line => line.Id)];
}
