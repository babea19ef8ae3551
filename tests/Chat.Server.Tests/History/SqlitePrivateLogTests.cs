using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.History;

/// <summary>The private messages in the SQLite store, and its epoch, on a real file.</summary>
public sealed class SqlitePrivateLogTests : IDisposable
{
    private static readonly LogRange All = new(0, long.MaxValue, 100, LogOrder.OldestFirst);
    private readonly SqliteStoreFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task MessagesAreKeptAcrossARestartAndReadByEitherPartyInAnyLetterCase()
    {
        List<PrivateMessage> sent;
        await using (var store = NewStore())
        {
            sent =
            [
                await store.Private.AppendAsync(new PrivateDraft("alice", "Bob", "hi bob", TextKind.Plain)).WithTimeout(),
                await store.Private.AppendAsync(new PrivateDraft("bob", "alice", "hi alice", TextKind.Plain)).WithTimeout(),
                await store.Private.AppendAsync(new PrivateDraft("carol", "alice", "waves", TextKind.Action)).WithTimeout(),
                await store.Private.AppendAsync(new PrivateDraft("bob", "carol", "psst", TextKind.Plain)).WithTimeout(),
            ];
        }

        Assert.Equal([1L, 2, 3, 4], sent.Select(m => m.Id));
        await using (var store = NewStore())
        {
            Assert.Equal(sent.Take(3), await store.Private.ReadAsync("ALICE", null, All).WithTimeout());
            Assert.Equal(sent.Take(2), await store.Private.ReadAsync("Alice", "BOB", All).WithTimeout());
            Assert.Equal(sent.Take(2), await store.Private.ReadAsync("bob", "alice", All).WithTimeout());
            Assert.Equal([sent[3], sent[1]], await store.Private.ReadAsync("bob", null, new LogRange(1, long.MaxValue, 2, LogOrder.NewestFirst)).WithTimeout());
            Assert.Empty(await store.Private.ReadAsync("dave", null, All).WithTimeout());
            Assert.Equal(TextKind.Action, (await store.Private.ReadAsync("carol", "alice", All).WithTimeout())[0].Kind);

            var next = await store.Private.AppendAsync(new PrivateDraft("alice", "bob", "again", TextKind.Plain)).WithTimeout();
            Assert.Equal(5, next.Id);
        }
    }

    [Fact]
    public async Task OldMessagesGoAfterTheDaysAndTheirIdsAreNeverGivenAgain()
    {
        await using (var store = NewStore(new SqliteRetention(1, 0, Timeout.InfiniteTimeSpan)))
        {
            await store.Private.AppendAsync(new PrivateDraft("alice", "bob", "old", TextKind.Plain)).WithTimeout();
            await store.Private.AppendAsync(new PrivateDraft("bob", "alice", "old too", TextKind.Plain)).WithTimeout();
            _time.Advance(TimeSpan.FromHours(12));
            await store.Private.AppendAsync(new PrivateDraft("alice", "bob", "newer", TextKind.Plain)).WithTimeout();
            _time.Advance(TimeSpan.FromHours(13));

            Assert.Equal(2, await store.PruneNowAsync().WithTimeout());
            Assert.Equal(2, store.Private.PrunedThroughId);
            Assert.Equal(["newer"], (await store.Private.ReadAsync("bob", null, All).WithTimeout()).Select(m => m.Text));
            _time.Advance(TimeSpan.FromDays(1));
            Assert.Equal(1, await store.PruneNowAsync().WithTimeout());
        }

        Assert.Equal(0, _folder.Scalar("SELECT count(*) FROM private_lines"));
        await using (var store = NewStore())
        {
            Assert.Equal(3, store.Private.PrunedThroughId);
            Assert.Equal(4, (await store.Private.AppendAsync(new PrivateDraft("alice", "bob", "later", TextKind.Plain)).WithTimeout()).Id);
        }
    }

    [Fact]
    public async Task PrivateMessagesAndRoomLinesShareTheGroupCommitAndBothAreStoredBeforeTheyComplete()
    {
        await using var store = NewStore();
        await using var log = await store.OpenAsync("#dev").WithTimeout();
        var lines = Enumerable.Range(0, 50).Select(i => log.AppendAsync(new LineDraft("alice", $"line {i}", TextKind.Plain)).AsTask()).ToList();
        var messages = Enumerable.Range(0, 50).Select(i => store.Private.AppendAsync(new PrivateDraft("alice", "bob", $"pm {i}", TextKind.Plain)).AsTask()).ToList();

        var stored = await Task.WhenAll(messages).WithTimeout();
        await Task.WhenAll(lines).WithTimeout();

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), stored.Select(m => m.Id));
        Assert.Equal(50, _folder.Scalar("SELECT count(*) FROM private_lines"));
        Assert.Equal(50, _folder.Scalar("SELECT count(*) FROM lines"));
    }

    [Fact]
    public async Task TheEpochIsMadeWithTheFileAndKeptWithIt()
    {
        string epoch;
        await using (var store = NewStore())
        {
            epoch = store.Epoch;
        }

        await using (var store = NewStore())
        {
            Assert.Equal(epoch, store.Epoch);
        }

        using var other = new SqliteStoreFolder();
        await using var elsewhere = new SqliteRoomLogStore(other.Path, 1, _time);
        Assert.NotEqual(epoch, elsewhere.Epoch);
        Assert.Matches("^[0-9a-f]{32}$", epoch);
    }

    public void Dispose() => _folder.Dispose();

    private SqliteRoomLogStore NewStore(SqliteRetention retention = default) => new(_folder.Path, 5, _time, retention: retention);
}
