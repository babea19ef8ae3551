using System.Collections.Concurrent;
using System.Threading.Channels;
using Chat.Protocol;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Server;

/// <summary>
/// Keeps every room's lines in one SQLite file (<see cref="FileName"/>) in a data folder, in WAL
/// mode. Appends from every room go to one writer, which gathers them into one transaction closed
/// by size (<c>maxBatch</c>) or by the writer being free: group commit. Each append
/// completes only after its transaction committed, so a line is durable before anyone sees it.
/// </summary>
/// <remarks>
/// A room's ids go on after the highest id it ever stored, across reopenings of the file and after
/// retention removed its lines (a table of rooms keeps each room's highest id), so they are never
/// reused. A room that vanished keeps its lines and topic for when it is made again
/// (SqliteRoomLogStore.Rooms.cs).
/// Retention (<see cref="SqliteRetention"/>) removes old lines in small transactions through the
/// same writer, between groups of appends (SqliteRoomLogStore.Retention.cs).
/// </remarks>
internal sealed partial class SqliteRoomLogStore : IRoomLogStore, IAsyncDisposable
{
    /// <summary>The name of the database file in the data folder.</summary>
    public const string FileName = "history.db";

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, SqliteRoomLog> _open = new(StringComparer.Ordinal);
    private readonly int _ringCapacity;
    private readonly TimeProvider _time;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly Task _writing;
    private LineInsert? _lineInsert;
    private int _disposed;

    /// <summary>Opens (or creates) the database in a data folder and starts its writer (and its pruner, when <paramref name="retention"/> removes anything).</summary>
    /// <param name="dataFolder">The folder of the database file; created if missing.</param>
    /// <param name="ringCapacity">How many of each room's newest lines are kept in memory (<see cref="ChatServerOptions.HistoryLength"/>).</param>
    /// <param name="time">The clock for timestamps and retention.</param>
    /// <param name="maxBatch">The most lines one transaction takes.</param>
    /// <param name="retention">What to remove in the background; nothing by default.</param>
    /// <param name="logger">Where the pruner and the indexer report; nowhere when omitted.</param>
    /// <param name="indexBatch">How many committed lines may wait for the search index before the writer indexes them between commits (<see cref="DefaultIndexBatch"/> when omitted).</param>
    /// <param name="indexIdle">How long the writer waits with nothing to do before it indexes the lines waiting (50 ms when omitted; <see cref="Timeout.InfiniteTimeSpan"/> never).</param>
    public SqliteRoomLogStore(
        string dataFolder,
        int ringCapacity,
        TimeProvider time,
        int maxBatch = 1000,
        SqliteRetention retention = default,
        ILogger? logger = null,
        int indexBatch = DefaultIndexBatch,
        TimeSpan? indexIdle = null)
    {
        ArgumentNullException.ThrowIfNull(dataFolder);
        ArgumentOutOfRangeException.ThrowIfNegative(ringCapacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(indexBatch, 1);
        DataFolder.Ensure(dataFolder);
        DatabasePath = Path.GetFullPath(Path.Combine(dataFolder, FileName));
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString();
        _ringCapacity = ringCapacity;
        _time = time;
        _maxBatch = maxBatch;
        _logger = logger ?? NullLogger.Instance;
        Retention = retention;
        IndexBatch = indexBatch;
        IndexIdle = indexIdle ?? TimeSpan.FromMilliseconds(50);
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        SqliteSchema.Apply(_writer);
        using (var command = _writer.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous = FULL;";
            command.ExecuteNonQuery();
        }

        using (var command = _writer.CreateCommand())
        {
            // Made once, when the database is created, and kept with it: ids in it stay comparable.
            command.CommandText = "INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', $epoch); SELECT value FROM meta WHERE key = 'epoch'";
            command.Parameters.AddWithValue("$epoch", Guid.NewGuid().ToString("N"));
            Epoch = (string)command.ExecuteScalar()!;
        }

        _private = OpenPrivate();
        KeptRooms = ReadKeptRooms();
        OpenIndex();

        _writing = Task.Run(WriteLoopAsync);
        _pruning = retention.Prunes && retention.Interval != Timeout.InfiniteTimeSpan ? Task.Run(PruneLoopAsync) : Task.CompletedTask;
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The key a room's lines are stored under: its name as <see cref="RoomNameRules.Comparer"/> compares it.</summary>
    /// <param name="room">The room's name.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(string room) => room.ToUpperInvariant();

    public string Epoch { get; }

    public IPrivateLog Private => _private;

    public ValueTask<IRoomLog> OpenAsync(string room, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        var key = KeyOf(room);
        return _closing.TryGetValue(key, out var closing)
            ? OpenAfterAsync(closing, room, key, cancellationToken)
            : new ValueTask<IRoomLog>(Open(room, key));
    }

    private SqliteRoomLog Open(string room, string key)
    {
        using var connection = OpenReader();
        long lastId;
        long prunedThrough;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT max(coalesce((SELECT last_id FROM rooms WHERE key = $key), 0),
                           coalesce((SELECT max(id) FROM lines WHERE room = $key), 0)),
                       coalesce((SELECT pruned_through FROM rooms WHERE key = $key), 0),
                       (SELECT min(id) FROM lines WHERE room = $key)
                """;
            command.Parameters.AddWithValue("$key", key);
            using var reader = command.ExecuteReader();
            reader.Read();
            lastId = reader.GetInt64(0);

            // Every id below the lowest stored one is gone too (a file from before pruned_through).
            prunedThrough = Math.Max(reader.GetInt64(1), (reader.IsDBNull(2) ? lastId + 1 : reader.GetInt64(2)) - 1);
        }

        var newest = _ringCapacity == 0 ? [] : Read(connection, key, room, LogRange.Newest(_ringCapacity) with { AfterId = prunedThrough });
        var log = new SqliteRoomLog(this, room, key, _ringCapacity, _time, lastId, prunedThrough, newest, ReadTopic(connection, key));
        _open[key] = log;
        return log;
    }

    /// <summary>Stops the pruner and takes no more writes, commits those already taken, and closes the file.</summary>
    /// <returns>A task that completes when the file is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopPruningAsync().ConfigureAwait(false);
        await _private.DisposeAsync().ConfigureAwait(false);
        _writes.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        _lineInsert?.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(_writer);
    }

    /// <summary>Queues a line for the next transaction.</summary>
    /// <param name="log">The log told when the line committed.</param>
    /// <param name="line">The line, with its id.</param>
    /// <returns>The line, once committed.</returns>
    internal Task<TextPosted> Enqueue(SqliteRoomLog log, TextPosted line)
    {
        var write = new AppendLine(log, line);
        if (!_writes.Writer.TryWrite(write))
        {
            return Task.FromException<TextPosted>(new ObjectDisposedException(nameof(SqliteRoomLogStore)));
        }

        return write.Done.Task;
    }

    /// <summary>Told by a log when it was disposed: the store stops telling it what was pruned, and opens its room again only after its last write.</summary>
    /// <param name="log">The log.</param>
    /// <param name="lastWrite">The log's last write, committed or not yet.</param>
    internal void Closed(SqliteRoomLog log, Task lastWrite)
    {
        _open.TryRemove(new KeyValuePair<string, SqliteRoomLog>(log.Key, log));
        Closing(log.Key, lastWrite);
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
        return ReadLines(command, room);
    }

    /// <summary>Reads the rows of a query of <c>id, author, text, kind, at</c> as lines of a room.</summary>
    private static List<TextPosted> ReadLines(SqliteCommand command, string room)
    {
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

    /// <summary>
    /// Group commit without a wait: whenever the writer is free it commits everything queued (up to
    /// <c>maxBatch</c>) in one transaction, so a lone line is committed at once, and the lines that
    /// arrive while a commit (its fsync) runs form the next batch.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var reader = _writes.Reader;
        var batch = new List<Write>(_maxBatch);
        while (true)
        {
            if (IndexHasWork && IndexIdle != Timeout.InfiniteTimeSpan && !reader.TryPeek(out _))
            {
                // Nothing to commit: index what waits once nothing came for a while.
                var more = reader.WaitToReadAsync().AsTask();
                if (await Task.WhenAny(more, Task.Delay(IndexIdle)).ConfigureAwait(false) != more)
                {
                    IndexInBackground();
                    continue;
                }
            }

            if (!await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                // Closing: leave the index complete, so the next start has nothing to catch up.
                IndexInBackground();
                return;
            }

            Drain(reader, batch);
            Commit(batch);
            batch.Clear();
            if (IndexIsBehind)
            {
                IndexInBackground();
            }
        }
    }

    private void Drain(ChannelReader<Write> reader, List<Write> batch)
    {
        while (batch.Count < _maxBatch && reader.TryRead(out var write))
        {
            batch.Add(write);
        }
    }

    /// <summary>Commits the lines, private messages and room changes of a batch in one transaction, then runs its jobs (pruning, backups) each in its own.</summary>
    private void Commit(List<Write> batch)
    {
        var jobs = batch.OfType<Job>().ToList();
        var changes = jobs.Count == 0 ? batch : batch.Where(static write => write is not Job).ToList();
        if (changes.Count > 0)
        {
            CommitChanges(changes);
        }

        foreach (var job in jobs)
        {
            job.Run(_writer);
        }
    }

    private void CommitChanges(List<Write> batch)
    {
        try
        {
            using var transaction = _writer.BeginTransaction();
            var insert = _lineInsert ??= new LineInsert(_writer);
            insert.Transaction = transaction;
            var highest = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var write in batch)
            {
                switch (write)
                {
                    case AppendLine append:
                        insert.Execute(NextSeq(), append.Log.Key, append.Line);
                        highest[append.Log.Key] = Math.Max(append.Line.Id, highest.GetValueOrDefault(append.Log.Key));
                        break;
                    case RoomChange change:
                        change.Apply(_writer, transaction);
                        break;
                    default:
                        CommitOther(transaction, write);
                        break;
                }
            }

            FlushHighest(transaction, highest);
            transaction.Commit();
        }
        catch (SqliteException exception)
        {
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Succeed();
        }
    }

    /// <summary>Records each room's highest id written so far in the batch, and forgets them.</summary>
    private void FlushHighest(SqliteTransaction transaction, Dictionary<string, long> highest)
    {
        if (highest.Count == 0)
        {
            return;
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

        highest.Clear();
    }

    /// <summary>Writes a change that is neither a room's line nor a room change (a private message); in its partial file.</summary>
    partial void CommitOther(SqliteTransaction transaction, Write write);

    /// <summary>Something for the writer to do.</summary>
    private abstract class Write
    {
        /// <summary>Tells the waiting caller the transaction failed.</summary>
        public abstract void Fail(Exception exception);

        /// <summary>Tells the waiting caller the transaction committed.</summary>
        public abstract void Succeed();
    }

    /// <summary>A line to insert.</summary>
    private sealed class AppendLine(SqliteRoomLog log, TextPosted line) : Write
    {
        public SqliteRoomLog Log { get; } = log;

        public TextPosted Line { get; } = line;

        public TaskCompletionSource<TextPosted> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Fail(Exception exception) => Done.TrySetException(exception);

        public override void Succeed()
        {
            Log.Committed(Line);
            Done.TrySetResult(Line);
        }
    }

    /// <summary>Work on the writer's connection in a transaction of its own, after the batch it came with.</summary>
    private abstract class Job : Write
    {
        /// <summary>Does the work; reports its outcome itself.</summary>
        public abstract void Run(SqliteConnection connection);

        public override void Succeed()
        {
        }
    }

    /// <summary>A job with a result.</summary>
    private sealed class Job<T>(Func<SqliteConnection, T> work) : Job
    {
        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(SqliteConnection connection)
        {
            try
            {
                Done.TrySetResult(work(connection));
            }
            catch (SqliteException exception)
            {
                Done.TrySetException(exception);
            }
        }

        public override void Fail(Exception exception) => Done.TrySetException(exception);
    }

    /// <summary>The insert of a room's line, made once and reused by every batch (SQLite keeps its statement prepared).</summary>
    private sealed class LineInsert : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _seq;
        private readonly SqliteParameter _room;
        private readonly SqliteParameter _id;
        private readonly SqliteParameter _author;
        private readonly SqliteParameter _text;
        private readonly SqliteParameter _kind;
        private readonly SqliteParameter _at;

        public LineInsert(SqliteConnection connection)
        {
            _command = connection.CreateCommand();
            _command.CommandText = "INSERT INTO lines (seq, room, id, author, text, kind, at) VALUES ($seq, $room, $id, $author, $text, $kind, $at)";
            _seq = _command.Parameters.Add("$seq", SqliteType.Integer);
            _room = _command.Parameters.Add("$room", SqliteType.Text);
            _id = _command.Parameters.Add("$id", SqliteType.Integer);
            _author = _command.Parameters.Add("$author", SqliteType.Text);
            _text = _command.Parameters.Add("$text", SqliteType.Text);
            _kind = _command.Parameters.Add("$kind", SqliteType.Integer);
            _at = _command.Parameters.Add("$at", SqliteType.Integer);
        }

        /// <summary>The transaction of the batch being written.</summary>
        public SqliteTransaction? Transaction
        {
            set => _command.Transaction = value;
        }

        public void Execute(long seq, string key, TextPosted line)
        {
            _seq.Value = seq;
            _room.Value = key;
            _id.Value = line.Id;
            _author.Value = line.Author;
            _text.Value = line.Text;
            _kind.Value = (int)line.Kind;
            _at.Value = line.Timestamp.Ticks;
            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
