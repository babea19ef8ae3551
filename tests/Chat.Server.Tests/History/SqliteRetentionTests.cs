using Chat.Protocol;
using Chat.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.History;

/// <summary>Retention in the SQLite store (<c>--retain-days</c>, <c>--retain-lines</c>), on a real file, with a fake clock.</summary>
public sealed class SqliteRetentionTests : IDisposable
{
    private static readonly TimeSpan Never = Timeout.InfiniteTimeSpan;
    private readonly SqliteStoreFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task LinesBeyondTheLimitGoOldestFirstAndThePrunedIdIsKeptAcrossARestart()
    {
        await using (var store = NewStore(new SqliteRetention(0, 10, Never)))
        {
            await using var log = await store.OpenAsync("#dev").WithTimeout();
            await AppendAsync(log, 1234);

            Assert.Equal(1224, await store.PruneNowAsync().WithTimeout());

            Assert.Equal(1224, log.PrunedThroughId);
            Assert.Equal(Enumerable.Range(1225, 10).Select(i => (long)i), Ids(await log.ReadAsync(All(LogOrder.OldestFirst)).WithTimeout()));
            Assert.Equal(0, await store.PruneNowAsync().WithTimeout());
        }

        Assert.Equal(10, _folder.Scalar("SELECT count(*) FROM lines"));
        await using (var store = NewStore(new SqliteRetention(0, 10, Never)))
        {
            await using var log = await store.OpenAsync("#DEV").WithTimeout();
            Assert.Equal(1224, log.PrunedThroughId);
            Assert.Equal(1235, (await log.AppendAsync(new LineDraft("bob", "after", TextKind.Plain)).WithTimeout()).Id);
        }
    }

    [Fact]
    public async Task LinesOlderThanTheDaysGoInEveryRoomAndNewerOnesStay()
    {
        await using var store = NewStore(new SqliteRetention(2, 0, Never));
        await using var dev = await store.OpenAsync("#dev").WithTimeout();
        await using var ops = await store.OpenAsync("#ops").WithTimeout();
        await AppendAsync(dev, 3);
        await AppendAsync(ops, 2);
        _time.Advance(TimeSpan.FromDays(1));
        await AppendAsync(dev, 2);
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(5, await store.PruneNowAsync().WithTimeout());

        Assert.Equal((3L, 2L), (dev.PrunedThroughId, ops.PrunedThroughId));
        Assert.Equal(new long[] { 4, 5 }, Ids(await dev.ReadAsync(All(LogOrder.OldestFirst)).WithTimeout()));
        Assert.Empty(await ops.ReadAsync(All(LogOrder.NewestFirst)).WithTimeout());
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, await store.PruneNowAsync().WithTimeout());
        Assert.Equal(5, dev.PrunedThroughId);
    }

    [Fact]
    public async Task TheNewestLinesInMemoryNeverShowALineTheFileNoLongerHas()
    {
        await using var store = NewStore(new SqliteRetention(0, 4, Never), ringCapacity: 50);
        await using var log = await store.OpenAsync("#dev").WithTimeout();
        await AppendAsync(log, 20);

        await store.PruneNowAsync().WithTimeout();

        var newest = log.ReadAsync(LogRange.Newest(50));
        Assert.True(newest.IsCompletedSuccessfully);
        Assert.Equal(new long[] { 20, 19, 18, 17 }, Ids(await newest));
        Assert.Equal(new long[] { 17, 18, 19, 20 }, Ids(await log.ReadAsync(All(LogOrder.OldestFirst)).WithTimeout()));
    }

    [Fact]
    public async Task AppendsGoOnWhileAPruneRemovesThousandsOfLinesInSmallSteps()
    {
        await using var store = NewStore(new SqliteRetention(0, 100, Never), ringCapacity: 10);
        await using var log = await store.OpenAsync("#busy").WithTimeout();
        await AppendAsync(log, 5000);

        var prune = store.PruneNowAsync();
        var during = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => log.AppendAsync(new LineDraft("bob", $"during {i}", TextKind.Plain)).AsTask())).WithTimeout();
        await prune.WithTimeout();
        await store.PruneNowAsync().WithTimeout();

        Assert.Equal(Enumerable.Range(5001, 200).Select(i => (long)i), during.Select(l => l.Id));
        var kept = await log.ReadAsync(All(LogOrder.OldestFirst)).WithTimeout();
        Assert.Equal(Enumerable.Range(5101, 100).Select(i => (long)i), Ids(kept));
        Assert.Equal(5100, log.PrunedThroughId);
    }

    [Fact]
    public async Task TheBackgroundPrunerRunsEveryInterval()
    {
        var interval = TimeSpan.FromMinutes(1);
        await using var store = NewStore(new SqliteRetention(0, 3, interval));
        await using var log = await store.OpenAsync("#dev").WithTimeout();
        await AppendAsync(log, 8);

        var pass = store.NextBackgroundPassAsync();
        await Condition.UntilAsync(
            () =>
            {
                _time.Advance(interval);
                return pass.IsCompleted;
            },
            "the background pruner made a pass");

        Assert.Equal(5, await pass.WithTimeout());
        Assert.Equal(5, log.PrunedThroughId);
    }

    [Fact]
    public async Task ARoomThatVanishedAndCameBackHasNothingPrunedUntilRetentionRemovesIt()
    {
        await using var store = NewStore(new SqliteRetention(0, 2, Never));
        var log = await store.OpenAsync("#tmp").WithTimeout();
        await AppendAsync(log, 4);
        await log.DisposeAsync().WithTimeout();

        await using var again = await store.OpenAsync("#tmp").WithTimeout();
        Assert.Equal(0, again.PrunedThroughId);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, Ids(await again.ReadAsync(All(LogOrder.OldestFirst)).WithTimeout()));

        Assert.Equal(2, await store.PruneNowAsync().WithTimeout());
        Assert.Equal(2, again.PrunedThroughId);
    }

    [Fact]
    public async Task AFileMadeBeforeRetentionIsMigratedAndKeepsItsLines()
    {
        _folder.MakeFirstVersionFile("""
            INSERT INTO rooms VALUES ('#DEV', 3);
            INSERT INTO lines (room, id, author, text, kind, at) VALUES ('#DEV', 1, 'alice', 'one', 0, 1), ('#DEV', 2, 'alice', 'two', 0, 2), ('#DEV', 3, 'bob', 'three', 0, 3);
            """);

        await using var store = NewStore(new SqliteRetention(0, 1, Never));
        await using var log = await store.OpenAsync("#dev").WithTimeout();
        Assert.Equal(0, log.PrunedThroughId);
        Assert.Equal(["one", "two", "three"], (await log.ReadAsync(All(LogOrder.OldestFirst)).WithTimeout()).Select(l => l.Text));

        Assert.Equal(2, await store.PruneNowAsync().WithTimeout());
        Assert.Equal(2, log.PrunedThroughId);
        Assert.Equal(4, (await log.AppendAsync(new LineDraft("bob", "four", TextKind.Plain)).WithTimeout()).Id);
    }

    [Fact]
    public async Task DisposingTwiceStopsThePrunerOnce()
    {
        var store = NewStore(new SqliteRetention(1, 1, TimeSpan.FromMinutes(1)));

        await store.DisposeAsync().AsTask().WithTimeout();
        await store.DisposeAsync().AsTask().WithTimeout();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.PruneNowAsync()).WithTimeout();
    }

    public void Dispose() => _folder.Dispose();

    private static LogRange All(LogOrder order) => new(0, long.MaxValue, int.MaxValue, order);

    private static long[] Ids(IReadOnlyList<TextPosted> lines) => [.. lines.Select(l => l.Id)];

    private static async Task AppendAsync(IRoomLog log, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => log.AppendAsync(new LineDraft("alice", $"line {i}", TextKind.Plain)).AsTask())).WithTimeout();

    private SqliteRoomLogStore NewStore(SqliteRetention retention, int ringCapacity = 5) =>
        new(_folder.Path, ringCapacity, _time, retention: retention);
}
