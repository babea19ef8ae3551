using Chat.Protocol;
using Microsoft.Data.Sqlite;

namespace Chat.Server.Tests.Rooms.Log;

/// <summary>The SQLite room log against a real database file in a temporary folder.</summary>
public sealed class SqliteRoomLogStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chat-history-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(1000)]
    [InlineData(7)]
    [InlineData(1)]
    public async Task EveryAcknowledgedLineIsThereAfterReopeningAndTheIdsGoOn(int maxBatch)
    {
        var acknowledged = new List<TextPosted>();
        await using (var store = NewStore(capacity: 5, maxBatch))
        {
            var log = await store.OpenAsync("#dev").WithTimeout();
            var appends = Enumerable.Range(1, 40).Select(i => log.AppendAsync(new LineDraft("alice", $"line {i}", i % 3 == 0 ? TextKind.Action : TextKind.Plain)).AsTask()).ToList();
            acknowledged.AddRange(await Task.WhenAll(appends).WithTimeout());
            await log.DisposeAsync().WithTimeout();
        }

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), acknowledged.Select(l => l.Id));
        await using (var store = NewStore(capacity: 5, maxBatch))
        {
            // The name is compared as rooms compare names.
            await using var log = await store.OpenAsync("#DEV").WithTimeout();
            var stored = await log.ReadAsync(new LogRange(0, long.MaxValue, 100, LogOrder.OldestFirst)).WithTimeout();
            Assert.Equal(acknowledged.Select(l => l with { Room = "#DEV" }), stored);

            var next = await log.AppendAsync(new LineDraft("bob", "after the restart", TextKind.Plain)).WithTimeout();
            Assert.Equal(41, next.Id);
        }
    }

    [Fact]
    public async Task TheNewestLinesAreServedSynchronouslyOnceCommittedAndOtherRangesFromTheFile()
    {
        await using var store = NewStore(capacity: 3);
        await using var log = await store.OpenAsync("#dev").WithTimeout();
        for (var i = 1; i <= 10; i++)
        {
            var line = await log.AppendAsync(new LineDraft("alice", $"line {i}", TextKind.Plain)).WithTimeout();
            var newest = log.ReadAsync(LogRange.Newest(3));
            Assert.True(newest.IsCompletedSuccessfully); // what a join reads under the room's lock
            Assert.Equal(line, (await newest)[0]);
        }

        Assert.Equal(new long[] { 10, 9, 8 }, Ids(await log.ReadAsync(LogRange.Newest(3)).WithTimeout()));
        Assert.Equal(new long[] { 10, 9, 8, 7, 6 }, Ids(await log.ReadAsync(LogRange.Newest(5)).WithTimeout()));
        Assert.Equal(new long[] { 6, 5, 4 }, Ids(await log.ReadAsync(new LogRange(0, 7, 3, LogOrder.NewestFirst)).WithTimeout()));
        Assert.Equal(new long[] { 2, 1 }, Ids(await log.ReadAsync(new LogRange(0, 3, 10, LogOrder.NewestFirst)).WithTimeout()));
        Assert.Equal(new long[] { 1, 2, 3 }, Ids(await log.ReadAsync(new LogRange(0, long.MaxValue, 3, LogOrder.OldestFirst)).WithTimeout()));
        Assert.Equal(new long[] { 5, 6, 7, 8 }, Ids(await log.ReadAsync(new LogRange(4, 9, 10, LogOrder.OldestFirst)).WithTimeout()));
        Assert.Equal(new long[] { 9, 10 }, Ids(await log.ReadAsync(new LogRange(8, long.MaxValue, 10, LogOrder.OldestFirst)).WithTimeout()));
        Assert.Empty(await log.ReadAsync(new LogRange(10, long.MaxValue, 10, LogOrder.OldestFirst)).WithTimeout());
        Assert.Empty(await log.ReadAsync(LogRange.Newest(0)).WithTimeout());
    }

    [Fact]
    public async Task AReopenedRoomServesItsNewestLinesFromMemory()
    {
        await using (var store = NewStore(capacity: 4))
        {
            await using var log = await store.OpenAsync("#dev").WithTimeout();
            for (var i = 1; i <= 6; i++)
            {
                await log.AppendAsync(new LineDraft("alice", $"line {i}", TextKind.Plain)).WithTimeout();
            }
        }

        await using (var store = NewStore(capacity: 4))
        {
            await using var log = await store.OpenAsync("#dev").WithTimeout();
            var newest = log.ReadAsync(LogRange.Newest(4));
            Assert.True(newest.IsCompletedSuccessfully);
            Assert.Equal(new long[] { 6, 5, 4, 3 }, Ids(await newest));
            Assert.Equal(new long[] { 6, 5, 4, 3, 2, 1 }, Ids(await log.ReadAsync(LogRange.Newest(10)).WithTimeout()));
        }
    }

    [Fact]
    public async Task ConcurrentAppendsFromSeveralRoomsKeepEachRoomsOrder()
    {
        const int Rooms = 4;
        const int Lines = 300;
        var acknowledged = new List<TextPosted>[Rooms];
        await using (var store = NewStore(capacity: 10))
        {
            var logs = new IRoomLog[Rooms];
            for (var r = 0; r < Rooms; r++)
            {
                logs[r] = await store.OpenAsync($"#room{r}").WithTimeout();
            }

            var writers = Enumerable.Range(0, Rooms).Select(r => Task.Run(async () =>
            {
                var pending = new List<Task<TextPosted>>();
                for (var i = 0; i < Lines; i++)
                {
                    pending.Add(logs[r].AppendAsync(new LineDraft($"user{r}", $"{r}:{i}", TextKind.Plain)).AsTask());
                    if (i % 50 == 49)
                    {
                        await Task.WhenAll(pending).WithTimeout();
                    }
                }

                acknowledged[r] = [.. await Task.WhenAll(pending).WithTimeout()];
            })).ToList();
            await Task.WhenAll(writers).WithTimeout();
            foreach (var log in logs)
            {
                await log.DisposeAsync().WithTimeout();
            }
        }

        await using (var store = NewStore(capacity: 10))
        {
            for (var r = 0; r < Rooms; r++)
            {
                Assert.Equal(Enumerable.Range(1, Lines).Select(i => (long)i), acknowledged[r].Select(l => l.Id));
                Assert.Equal(Enumerable.Range(0, Lines).Select(i => $"{r}:{i}"), acknowledged[r].Select(l => l.Text));
                await using var log = await store.OpenAsync($"#room{r}").WithTimeout();
                Assert.Equal(acknowledged[r], await log.ReadAsync(new LogRange(0, long.MaxValue, Lines + 1, LogOrder.OldestFirst)).WithTimeout());
            }
        }
    }

    [Fact]
    public async Task ARoomOpenedAgainAsItsLogClosesKeepsItsLinesAndTopicAndGoesOnWithItsIds()
    {
        var topic = new RoomTopic("Release on Friday", "alice", new DateTime(2026, 12, 2, 6, 0, 0, DateTimeKind.Utc));
        List<TextPosted> said;
        await using (var store = NewStore(capacity: 3, maxBatch: 1))
        {
            var log = await store.OpenAsync("#tmp").WithTimeout();
            await using var other = await store.OpenAsync("#other").WithTimeout();
            var appends = Enumerable.Range(1, 5).Select(i => log.AppendAsync(new LineDraft("alice", $"line {i}", TextKind.Plain)).AsTask()).ToList();
            var saved = log.SaveTopicAsync(topic);
            await other.AppendAsync(new LineDraft("bob", "kept", TextKind.Plain)).WithTimeout();

            // The room vanishes and is made again at once, while its last writes may still wait for their transaction.
            var closing = log.DisposeAsync().AsTask();
            await using var again = await store.OpenAsync("#TMP").WithTimeout();
            said = [.. await Task.WhenAll(appends).WithTimeout()];
            await Task.WhenAll(saved, closing).WithTimeout();

            Assert.Equal(said.Select(l => l with { Room = "#TMP" }), await again.ReadAsync(new LogRange(0, long.MaxValue, 10, LogOrder.OldestFirst)).WithTimeout());
            Assert.Equal(new long[] { 5, 4, 3 }, Ids(await again.ReadAsync(LogRange.Newest(3)).WithTimeout()));
            Assert.Equal(topic, again.Topic);
            Assert.Equal(0, again.PrunedThroughId);
            Assert.Equal(6, (await again.AppendAsync(new LineDraft("alice", "new", TextKind.Plain)).WithTimeout()).Id);
        }

        await using (var store = NewStore(capacity: 3))
        {
            await using var log = await store.OpenAsync("#tmp").WithTimeout();
            Assert.Equal([.. said.Select(l => l.Text), "new"], (await log.ReadAsync(new LogRange(0, long.MaxValue, 10, LogOrder.OldestFirst)).WithTimeout()).Select(l => l.Text));
            Assert.Equal(topic, log.Topic);
            Assert.Equal(7, (await log.AppendAsync(new LineDraft("alice", "newer", TextKind.Plain)).WithTimeout()).Id);
            await using var other = await store.OpenAsync("#other").WithTimeout();
            Assert.Equal(["kept"], (await other.ReadAsync(LogRange.Newest(10)).WithTimeout()).Select(l => l.Text));
            Assert.Same(RoomTopic.None, other.Topic);
        }
    }

    [Fact]
    public async Task TheFileIsInWalMode()
    {
        await using (var store = NewStore(capacity: 1))
        {
            await using var log = await store.OpenAsync("#dev").WithTimeout();
            await log.AppendAsync(new LineDraft("alice", "hi", TextKind.Plain)).WithTimeout();
        }

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, SqliteRoomLogStore.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static long[] Ids(IReadOnlyList<TextPosted> lines) => [.. lines.Select(l => l.Id)];

    private SqliteRoomLogStore NewStore(int capacity, int maxBatch = 1000) =>
        new(_folder, capacity, TimeProvider.System, maxBatch);
}
