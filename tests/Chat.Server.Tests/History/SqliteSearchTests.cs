using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.History;

/// <summary>Search in the SQLite store (FTS5), checked case by case against the memory store: both follow one rule.</summary>
public sealed class SqliteSearchTests : IDisposable
{
    private static readonly string[] Lines =
    [
        "Hello world",                // 1
        "héllo Wörld again",          // 2
        "say \"quoted\" things",      // 3
        "don't panic",                // 4
        "HELLO there",                // 5
        "helicopter parts",           // 6
        "NEAR AND OR NOT",            // 7
        "foo-bar baz",                // 8
        "text:hello column",          // 9
        "naïve café",                 // 10
    ];

    private readonly SqliteStoreFolder _folder = new();

    /// <summary>Words, before id, limit, and the ids expected newest first, over <see cref="Lines"/>.</summary>
    public static TheoryData<string, long, int, long[]> Cases => new()
    {
        { "hello", 0, 10, [9, 5, 2, 1] },
        { "hello world", 0, 10, [2, 1] },
        { "HEL*", 0, 10, [9, 6, 5, 2, 1] },
        { "wor", 0, 10, [] },
        { "\"quoted\"", 0, 10, [3] },
        { "don't", 0, 10, [4] },
        { "AND", 0, 10, [7] },
        { "near", 0, 10, [7] },
        { "OR NOT", 0, 10, [7] },
        { "foo-bar", 0, 10, [8] },
        { "bar", 0, 10, [8] },
        { "text:hello", 0, 10, [9] },
        { "hélló", 0, 10, [9, 5, 2, 1] },
        { "naive cafe", 0, 10, [10] },
        { "^hello", 0, 10, [9, 5, 2, 1] },
        { "hello", 5, 10, [2, 1] },
        { "hello", 0, 2, [9, 5] },
        { "h*", 9, 3, [6, 5, 2] },
        { "( ) : *", 0, 10, [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BothStoresFindTheSameLinesNewestFirst(string words, long beforeId, int limit, long[] expected)
    {
        var query = new SearchQuery(SearchWords.Split(words), beforeId, limit);
        await using var store = new SqliteRoomLogStore(_folder.Path, 2, TimeProvider.System);
        await using var sqlite = await FillAsync(await store.OpenAsync("#dev").WithTimeout());
        await store.IndexNowAsync().WithTimeout();
        await using var memory = await FillAsync(await new InMemoryRoomLogStore(100, TimeProvider.System).OpenAsync("#dev").WithTimeout());

        Assert.Equal(expected, (await sqlite.SearchAsync(query).WithTimeout()).Select(l => l.Id));
        Assert.Equal(expected, (await memory.SearchAsync(query).WithTimeout()).Select(l => l.Id));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task LinesAreFoundRightAfterTheirCommitBeforeTheIndexHasThem(string words, long beforeId, int limit, long[] expected)
    {
        var query = new SearchQuery(SearchWords.Split(words), beforeId, limit);
        await using var store = NotIndexingStore();
        await using var sqlite = await FillAsync(await store.OpenAsync("#dev").WithTimeout());

        Assert.Equal(0, _folder.Scalar("SELECT count(*) FROM lines_fts WHERE lines_fts MATCH 'hello OR helicopter OR naive'"));
        Assert.Equal(expected, (await sqlite.SearchAsync(query).WithTimeout()).Select(l => l.Id));
    }

    [Fact]
    public async Task ASearchFindsIndexedLinesAndTheNewerOnesNotYetIndexedTogether()
    {
        await using var store = NotIndexingStore();
        await using var log = await FillAsync(await store.OpenAsync("#dev").WithTimeout());
        await store.IndexNowAsync().WithTimeout();
        await log.AppendAsync(new LineDraft("bob", "hello once more", TextKind.Plain)).WithTimeout();
        await log.AppendAsync(new LineDraft("bob", "hello, the newest", TextKind.Plain)).WithTimeout();

        var query = new SearchQuery(["hello"], 0, 3);
        Assert.Equal([12L, 11L, 9L], (await log.SearchAsync(query).WithTimeout()).Select(l => l.Id));
        Assert.Equal([11L, 9L, 5L], (await log.SearchAsync(query with { BeforeId = 12 }).WithTimeout()).Select(l => l.Id));
        Assert.Equal(4, _folder.Scalar("SELECT count(*) FROM lines_fts WHERE lines_fts MATCH 'hello'"));

        await store.IndexNowAsync().WithTimeout();
        Assert.Equal([12L, 11L, 9L], (await log.SearchAsync(query).WithTimeout()).Select(l => l.Id));
        Assert.Equal(6, _folder.Scalar("SELECT count(*) FROM lines_fts WHERE lines_fts MATCH 'hello'"));
        AssertIndexIsInStep();
    }

    [Fact]
    public async Task LinesNotIndexedBeforeARestartAreFoundAndIndexedAfterIt()
    {
        await using (var store = NotIndexingStore())
        {
            await using var log = await FillAsync(await store.OpenAsync("#dev").WithTimeout());
        }

        // As a crash leaves it when the lines committed and the index did not have them yet.
        using (var connection = _folder.Connect())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO lines_fts (lines_fts) VALUES ('delete-all'); UPDATE meta SET value = '0' WHERE key = 'fts_through'";
            command.ExecuteNonQuery();
        }

        await using (var store = NotIndexingStore())
        {
            await using var log = await store.OpenAsync("#dev").WithTimeout();
            Assert.Equal([9L, 5L, 2L, 1L], (await log.SearchAsync(new SearchQuery(["hello"], 0, 10)).WithTimeout()).Select(l => l.Id));
            await store.IndexNowAsync().WithTimeout();
            Assert.Equal([9L, 5L, 2L, 1L], (await log.SearchAsync(new SearchQuery(["hello"], 0, 10)).WithTimeout()).Select(l => l.Id));
        }

        Assert.Equal(_folder.Scalar("SELECT max(seq) FROM lines"), _folder.Scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_through'"));
        Assert.Equal(4, _folder.Scalar("SELECT count(*) FROM lines_fts WHERE lines_fts MATCH 'hello'"));
        AssertIndexIsInStep();
    }

    [Fact]
    public async Task RetentionAndARoomThatVanishedKeepTheIndexInStepWhetherTheirLinesWereIndexedOrNot()
    {
        var time = new FakeTimeProvider();
        await using var store = new SqliteRoomLogStore(_folder.Path, 2, time, retention: new SqliteRetention(0, 3, Timeout.InfiniteTimeSpan), indexBatch: 1_000_000, indexIdle: Timeout.InfiniteTimeSpan);
        await using var dev = await store.OpenAsync("#dev").WithTimeout();
        for (var i = 0; i < 5; i++)
        {
            await dev.AppendAsync(new LineDraft("alice", Lines[i], TextKind.Plain)).WithTimeout();
        }

        await store.IndexNowAsync().WithTimeout();
        for (var i = 5; i < Lines.Length; i++)
        {
            await dev.AppendAsync(new LineDraft("alice", Lines[i], TextKind.Plain)).WithTimeout();
        }

        await using (var ops = await store.OpenAsync("#ops").WithTimeout())
        {
            await ops.AppendAsync(new LineDraft("bob", "hello from ops", TextKind.Plain)).WithTimeout();
        }

        // Lines 1-7 go: 1-5 were indexed, 6 and 7 were not; #ops vanished, and its line (not indexed) stays.
        await store.PruneNowAsync().WithTimeout();
        await store.IndexNowAsync().WithTimeout();
        AssertIndexIsInStep();

        await using var again = await store.OpenAsync("#ops").WithTimeout();
        await again.AppendAsync(new LineDraft("bob", "hello again from ops", TextKind.Plain)).WithTimeout();
        await store.IndexNowAsync().WithTimeout();
        Assert.Equal([9L], (await dev.SearchAsync(new SearchQuery(["hello"], 0, 10)).WithTimeout()).Select(l => l.Id));
        Assert.Equal(["hello again from ops", "hello from ops"], (await again.SearchAsync(new SearchQuery(["hello"], 0, 10)).WithTimeout()).Select(l => l.Text));
        Assert.Equal(3, _folder.Scalar("SELECT count(*) FROM lines_fts WHERE lines_fts MATCH 'hello'"));
        AssertIndexIsInStep();
    }

    [Fact]
    public void EveryWordIsQuotedAndAPrefixStarStaysOutside()
    {
        Assert.Equal("\"say\"\"s\" \"hel\"* \"OR\"", SqliteRoomLogStore.MatchExpression(["say\"s", "hel*", "OR"]));
        Assert.Equal(string.Empty, SqliteRoomLogStore.MatchExpression(["*", "(", "\""]));
    }

    [Fact]
    public async Task SearchSeesOnlyItsRoomAndNotWhatRetentionRemoved()
    {
        var time = new FakeTimeProvider();
        await using var store = new SqliteRoomLogStore(_folder.Path, 2, time, retention: new SqliteRetention(0, 3, Timeout.InfiniteTimeSpan));
        await using var dev = await FillAsync(await store.OpenAsync("#dev").WithTimeout());
        await using var ops = await store.OpenAsync("#ops").WithTimeout();
        await ops.AppendAsync(new LineDraft("bob", "hello from ops", TextKind.Plain)).WithTimeout();

        await store.PruneNowAsync().WithTimeout();
        await store.IndexNowAsync().WithTimeout();

        var query = new SearchQuery(["hello"], 0, 10);
        Assert.Equal([9L], (await dev.SearchAsync(query).WithTimeout()).Select(l => l.Id));
        Assert.Equal(["#ops"], (await ops.SearchAsync(query).WithTimeout()).Select(l => l.Room));
        Assert.Equal(2, _folder.Scalar("SELECT count(*) FROM lines_fts WHERE lines_fts MATCH 'hello'"));
        AssertIndexIsInStep();
    }

    [Fact]
    public async Task AFileMadeBeforeSearchGetsItsIndexBuiltAndKeptInStep()
    {
        _folder.MakeFirstVersionFile("""
            INSERT INTO rooms VALUES ('#DEV', 2);
            INSERT INTO lines (room, id, author, text, kind, at) VALUES ('#DEV', 1, 'alice', 'an old line', 0, 1), ('#DEV', 2, 'alice', 'another old one', 0, 2);
            """);

        await using (var store = new SqliteRoomLogStore(_folder.Path, 2, TimeProvider.System))
        {
            await using var log = await store.OpenAsync("#dev").WithTimeout();
            await log.AppendAsync(new LineDraft("bob", "a new old-fashioned line", TextKind.Plain)).WithTimeout();
            Assert.Equal([3L, 1L], (await log.SearchAsync(new SearchQuery(["old", "line"], 0, 10)).WithTimeout()).Select(l => l.Id));
        }

        AssertIndexIsInStep();
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A store whose writer indexes only when told (<see cref="SqliteRoomLogStore.IndexNowAsync"/>).</summary>
    private SqliteRoomLogStore NotIndexingStore() =>
        new(_folder.Path, 2, TimeProvider.System, indexBatch: 1_000_000, indexIdle: Timeout.InfiniteTimeSpan);

    private static async Task<IRoomLog> FillAsync(IRoomLog log)
    {
        foreach (var text in Lines)
        {
            await log.AppendAsync(new LineDraft("alice", text, TextKind.Plain)).WithTimeout();
        }

        return log;
    }

    private void AssertIndexIsInStep()
    {
        // Throws "database disk image is malformed" (SQLITE_CORRUPT_VTAB) when the index and the lines disagree.
        using var connection = _folder.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO lines_fts (lines_fts, rank) VALUES ('integrity-check', 1)";
        command.ExecuteNonQuery();
    }
}
