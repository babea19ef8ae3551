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

    [Theory]
    [InlineData("hello", 0, 10, new long[] { 9, 5, 2, 1 })]
    [InlineData("hello world", 0, 10, new long[] { 2, 1 })]
    [InlineData("HEL*", 0, 10, new long[] { 9, 6, 5, 2, 1 })]
    [InlineData("wor", 0, 10, new long[] { })]
    [InlineData("\"quoted\"", 0, 10, new long[] { 3 })]
    [InlineData("don't", 0, 10, new long[] { 4 })]
    [InlineData("AND", 0, 10, new long[] { 7 })]
    [InlineData("near", 0, 10, new long[] { 7 })]
    [InlineData("OR NOT", 0, 10, new long[] { 7 })]
    [InlineData("foo-bar", 0, 10, new long[] { 8 })]
    [InlineData("bar", 0, 10, new long[] { 8 })]
    [InlineData("text:hello", 0, 10, new long[] { 9 })]
    [InlineData("hélló", 0, 10, new long[] { 9, 5, 2, 1 })]
    [InlineData("naive cafe", 0, 10, new long[] { 10 })]
    [InlineData("^hello", 0, 10, new long[] { 9, 5, 2, 1 })]
    [InlineData("hello", 5, 10, new long[] { 2, 1 })]
    [InlineData("hello", 0, 2, new long[] { 9, 5 })]
    [InlineData("h*", 9, 3, new long[] { 6, 5, 2 })]
    [InlineData("( ) : *", 0, 10, new long[] { })]
    public async Task BothStoresFindTheSameLinesNewestFirst(string words, long beforeId, int limit, long[] expected)
    {
        var query = new SearchQuery(SearchWords.Split(words), beforeId, limit);
        await using var store = new SqliteRoomLogStore(_folder.Path, 2, TimeProvider.System);
        await using var sqlite = await FillAsync(await store.OpenAsync("#dev").WithTimeout());
        await using var memory = await FillAsync(await new InMemoryRoomLogStore(100, TimeProvider.System).OpenAsync("#dev").WithTimeout());

        Assert.Equal(expected, (await sqlite.SearchAsync(query).WithTimeout()).Select(l => l.Id));
        Assert.Equal(expected, (await memory.SearchAsync(query).WithTimeout()).Select(l => l.Id));
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

        var query = new SearchQuery(["hello"], 0, 10);
        Assert.Equal([9L], (await dev.SearchAsync(query).WithTimeout()).Select(l => l.Id));
        Assert.Equal(["#ops"], (await ops.SearchAsync(query).WithTimeout()).Select(l => l.Room));
        Assert.Equal(2, _folder.Scalar("SELECT count(*) FROM lines_fts WHERE lines_fts MATCH 'hello'"));
        AssertIndexIsInStep();
    }

    [Fact]
    public async Task AFileMadeBeforeSearchGetsItsIndexBuiltAndKeptInStep()
    {
        Directory.CreateDirectory(_folder.Path);
        using (var old = _folder.Connect())
        {
            using var command = old.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE rooms (key TEXT NOT NULL PRIMARY KEY, last_id INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE lines (seq INTEGER PRIMARY KEY, room TEXT NOT NULL, id INTEGER NOT NULL, author TEXT NOT NULL,
                    text TEXT NOT NULL, kind INTEGER NOT NULL, at INTEGER NOT NULL, UNIQUE (room, id));
                INSERT INTO rooms VALUES ('#DEV', 2);
                INSERT INTO lines (room, id, author, text, kind, at) VALUES ('#DEV', 1, 'alice', 'an old line', 0, 1), ('#DEV', 2, 'alice', 'another old one', 0, 2);
                """;
            command.ExecuteNonQuery();
        }

        await using (var store = new SqliteRoomLogStore(_folder.Path, 2, TimeProvider.System))
        {
            await using var log = await store.OpenAsync("#dev").WithTimeout();
            await log.AppendAsync(new LineDraft("bob", "a new old-fashioned line", TextKind.Plain)).WithTimeout();
            Assert.Equal([3L, 1L], (await log.SearchAsync(new SearchQuery(["old", "line"], 0, 10)).WithTimeout()).Select(l => l.Id));
        }

        AssertIndexIsInStep();
    }

    public void Dispose() => _folder.Dispose();

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
