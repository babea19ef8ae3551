using System.Threading.Channels;
using Chat.Protocol;
using Microsoft.Data.Sqlite;

namespace Chat.Server;

/// <summary>
/// Keeps every room's lines in one SQLite file (<see cref="FileName"/>) in a data folder, in WAL
/// mode. Appends from every room go to one writer, which gathers them into one transaction closed
/// by size (<c>maxBatch</c>) or a short time (<c>maxDelay</c>): group commit. Each append
/// completes only after its transaction committed, so a line is durable before anyone sees it.
/// </summary>
/// <remarks>
/// A room's ids go on after the highest id it ever stored, across reopenings of the file and after
/// its lines were deleted (a table of rooms keeps each room's highest id), so they are never reused.
/// </remarks>
internal sealed class SqliteRoomLogStore : IRoomLogStore, IAsyncDisposable
{
    /// <summary>The name of the database file in the data folder.</summary>
    public const string FileName = "history.db";

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS rooms (
            key TEXT NOT NULL PRIMARY KEY,
            last_id INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS lines (
            seq INTEGER PRIMARY KEY,
            room TEXT NOT NULL,
            id INTEGER NOT NULL,
            author TEXT NOT NULL,
            text TEXT NOT NULL,
            kind INTEGER NOT NULL,
            at INTEGER NOT NULL,
            UNIQUE (room, id)
        );
        CREATE TABLE IF NOT EXISTS meta (
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>();
    private readonly int _ringCapacity;
    private readonly TimeProvider _time;
    private readonly int _maxBatch;
    private readonly TimeSpan _maxDelay;
    private readonly Task _writing;

    /// <summary>Opens (or creates) the database in a data folder and starts its writer.</summary>
    /// <param name="dataFolder">The folder of the database file; created if missing.</param>
    /// <param name="ringCapacity">How many of each room's newest lines are kept in memory (<see cref="ChatServerOptions.HistoryLength"/>).</param>
    /// <param name="time">The clock for timestamps.</param>
    /// <param name="maxBatch">The most lines one transaction takes.</param>
    /// <param name="maxDelay">How long a transaction waits for more lines after its first; zero commits whatever is there.</param>
    public SqliteRoomLogStore(string dataFolder, int ringCapacity, TimeProvider time, int maxBatch = 1000, TimeSpan? maxDelay = null)
    {
        ArgumentNullException.ThrowIfNull(dataFolder);
        ArgumentOutOfRangeException.ThrowIfNegative(ringCapacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        Directory.CreateDirectory(dataFolder);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, FileName) }.ToString();
        _ringCapacity = ringCapacity;
        _time = time;
        _maxBatch = maxBatch;
        _maxDelay = maxDelay ?? TimeSpan.FromMilliseconds(2);
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        using (var command = _writer.CreateCommand())
        {
            command.CommandText = Schema + "PRAGMA synchronous = FULL;";
            command.ExecuteNonQuery();
        }

        using (var command = _writer.CreateCommand())
        {
            // Made once, when the database is created, and kept with it: ids in it stay comparable.
            command.CommandText = "INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', $epoch); SELECT value FROM meta WHERE key = 'epoch'";
            command.Parameters.AddWithValue("$epoch", Guid.NewGuid().ToString("N"));
            Epoch = (string)command.ExecuteScalar()!;
        }

        // For now the private messages live in memory (their ids start again at 1 each start, while
        // the epoch persists): the SQLite private_lines table replaces this log (issue 15, store helper).
        Private = new InMemoryPrivateLog(Math.Max(ringCapacity, ChatServerOptions.MinimumMemoryLines), time);

        _writing = Task.Run(WriteLoopAsync);
    }

    /// <summary>The key a room's lines are stored under: its name as <see cref="RoomNameRules.Comparer"/> compares it.</summary>
    /// <param name="room">The room's name.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(string room) => room.ToUpperInvariant();

    public string Epoch { get; }

    public IPrivateLog Private { get; }

    public ValueTask<IRoomLog> OpenAsync(string room, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        var key = KeyOf(room);
        using var connection = OpenReader();
        long lastId;
        long prunedThroughId;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT max(coalesce((SELECT last_id FROM rooms WHERE key = $key), 0),
                           coalesce((SELECT max(id) FROM lines WHERE room = $key), 0)),
                       (SELECT min(id) FROM lines WHERE room = $key)
                """;
            command.Parameters.AddWithValue("$key", key);
            using var reader = command.ExecuteReader();
            reader.Read();
            lastId = reader.GetInt64(0);

            // Every id below the lowest stored one is gone (the room's earlier lines were deleted).
            prunedThroughId = (reader.IsDBNull(1) ? lastId + 1 : reader.GetInt64(1)) - 1;
        }

        var newest = _ringCapacity == 0 ? [] : Read(connection, key, room, LogRange.Newest(_ringCapacity));
        return new ValueTask<IRoomLog>(new SqliteRoomLog(this, room, key, _ringCapacity, _time, lastId, prunedThroughId, newest));
    }

    public async ValueTask DeleteAsync(string room, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        var write = new Write(KeyOf(room), null);
        ObjectDisposedException.ThrowIf(!_writes.Writer.TryWrite(write), this);
        await write.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops taking writes, commits those already taken, and closes the file.</summary>
    /// <returns>A task that completes when the file is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(_writer);
        await Private.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Queues a line for the next transaction.</summary>
    /// <param name="log">The log told when the line committed.</param>
    /// <param name="line">The line, with its id.</param>
    /// <returns>The line, once committed.</returns>
    internal Task<TextPosted> Enqueue(SqliteRoomLog log, TextPosted line)
    {
        var write = new Write(log.Key, line, log);
        if (!_writes.Writer.TryWrite(write))
        {
            return Task.FromException<TextPosted>(new ObjectDisposedException(nameof(SqliteRoomLogStore)));
        }

        return write.Done.Task;
    }

    /// <summary>Reads a room's lines from the file.</summary>
    /// <param name="key">The room's key.</param>
    /// <param name="room">The room's name, carried by every line.</param>
    /// <param name="range">Which lines.</param>
    /// <param name="cancellationToken">Gives up on the read.</param>
    /// <returns>The lines in the order asked for.</returns>
    internal Task<IReadOnlyList<TextPosted>> ReadAsync(string key, string room, LogRange range, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<TextPosted>>(
            () =>
            {
                using var connection = OpenReader();
                return Read(connection, key, room, range);
            },
            cancellationToken);

    /// <summary>Finds a room's lines holding every word of a query, newest first, by reading the room's lines from the newest down.</summary>
    /// <param name="key">The room's key.</param>
    /// <param name="room">The room's name, carried by every line.</param>
    /// <param name="query">The words, the bound and the limit.</param>
    /// <param name="cancellationToken">Gives up on the search.</param>
    /// <returns>The lines found, newest first.</returns>
    internal Task<IReadOnlyList<TextPosted>> SearchAsync(string key, string room, SearchQuery query, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<TextPosted>>(
            () =>
            {
                using var connection = OpenReader();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT id, author, text, kind, at FROM lines WHERE room = $key AND id < $before ORDER BY id DESC";
                command.Parameters.AddWithValue("$key", key);
                command.Parameters.AddWithValue("$before", query.UpperBound);
                var found = new List<TextPosted>();
                var pattern = SearchWords.Compile(query.Words);
                using var reader = command.ExecuteReader();
                while (found.Count < query.Limit && reader.Read())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var text = reader.GetString(2);
                    if (pattern.Matches(text))
                    {
                        found.Add(new TextPosted(reader.GetInt64(0), reader.GetString(1), text, new DateTime(reader.GetInt64(4), DateTimeKind.Utc))
                        {
                            Kind = (TextKind)reader.GetInt32(3),
                            Room = room,
                        });
                    }
                }

                return found;
            },
            cancellationToken);

    private static List<TextPosted> Read(SqliteConnection connection, string key, string room, LogRange range)
    {
        using var command = connection.CreateCommand();
        command.CommandText = range.Order == LogOrder.NewestFirst
            ? "SELECT id, author, text, kind, at FROM lines WHERE room = $key AND id > $after AND id < $before ORDER BY id DESC LIMIT $limit"
            : "SELECT id, author, text, kind, at FROM lines WHERE room = $key AND id > $after AND id < $before ORDER BY id ASC LIMIT $limit";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$after", range.AfterId);
        command.Parameters.AddWithValue("$before", range.BeforeId);
        command.Parameters.AddWithValue("$limit", range.Limit);
        var lines = new List<TextPosted>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            lines.Add(new TextPosted(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), new DateTime(reader.GetInt64(4), DateTimeKind.Utc))
            {
                Kind = (TextKind)reader.GetInt32(3),
                Room = room,
            });
        }

        return lines;
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _writes.Reader;
        var batch = new List<Write>(_maxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            Drain(reader, batch);
            if (batch.Count < _maxBatch && _maxDelay > TimeSpan.Zero)
            {
                var deadline = Task.Delay(_maxDelay);
                while (batch.Count < _maxBatch)
                {
                    var more = reader.WaitToReadAsync().AsTask();
                    if (await Task.WhenAny(more, deadline).ConfigureAwait(false) == deadline || !await more.ConfigureAwait(false))
                    {
                        break;
                    }

                    Drain(reader, batch);
                }
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Drain(ChannelReader<Write> reader, List<Write> batch)
    {
        while (batch.Count < _maxBatch && reader.TryRead(out var write))
        {
            batch.Add(write);
        }
    }

    private void Commit(List<Write> batch)
    {
        try
        {
            using var transaction = _writer.BeginTransaction();
            using var insert = _writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO lines (room, id, author, text, kind, at) VALUES ($room, $id, $author, $text, $kind, $at)";
            var room = insert.Parameters.Add("$room", SqliteType.Text);
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var author = insert.Parameters.Add("$author", SqliteType.Text);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            using var delete = _writer.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM lines WHERE room = $room";
            var deleted = delete.Parameters.Add("$room", SqliteType.Text);
            var highest = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var write in batch)
            {
                if (write.Line is { } line)
                {
                    room.Value = write.Key;
                    id.Value = line.Id;
                    author.Value = line.Author;
                    text.Value = line.Text;
                    kind.Value = (int)line.Kind;
                    at.Value = line.Timestamp.Ticks;
                    insert.ExecuteNonQuery();
                    highest[write.Key] = Math.Max(line.Id, highest.GetValueOrDefault(write.Key));
                }
                else
                {
                    deleted.Value = write.Key;
                    delete.ExecuteNonQuery();
                }
            }

            using var upsert = _writer.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = "INSERT INTO rooms (key, last_id) VALUES ($key, $id) ON CONFLICT (key) DO UPDATE SET last_id = max(last_id, excluded.last_id)";
            var upsertKey = upsert.Parameters.Add("$key", SqliteType.Text);
            var upsertId = upsert.Parameters.Add("$id", SqliteType.Integer);
            foreach (var (key, last) in highest)
            {
                upsertKey.Value = key;
                upsertId.Value = last;
                upsert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (SqliteException exception)
        {
            foreach (var write in batch)
            {
                write.Done.TrySetException(exception);
            }

            return;
        }

        foreach (var write in batch)
        {
            if (write.Line is { } line)
            {
                write.Log!.Committed(line);
            }

            write.Done.TrySetResult(write.Line!);
        }
    }

    /// <summary>A line to insert, or (with no line) a room whose lines to delete.</summary>
    private sealed class Write(string key, TextPosted? line, SqliteRoomLog? log = null)
    {
        public string Key { get; } = key;

        public TextPosted? Line { get; } = line;

        public SqliteRoomLog? Log { get; } = log;

        public TaskCompletionSource<TextPosted> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
