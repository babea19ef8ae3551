using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// A room's log in a <see cref="SqliteRoomLogStore"/>: ids are given at once, the line is stored by
/// the store's next transaction, and the append completes when that transaction committed. The
/// newest committed lines are kept in a ring in memory, so a newcomer's recent lines (and any read
/// the ring can answer in full) are served synchronously; other reads go to the file. A topic is
/// written by the same writer, in order with the lines.
/// </summary>
/// <remarks>Thread-safe: appends are queued in the order of their ids.</remarks>
internal sealed class SqliteRoomLog : IRoomLog
{
    private readonly SqliteRoomLogStore _store;
    private readonly string _room;
    private readonly TimeProvider _time;
    private readonly TextPosted[] _ring;
    private readonly Lock _lock = new();
    private int _next;
    private int _count;
    private long _lastId;
    private long _coveredAfter;
    private Task _lastWrite = Task.CompletedTask;
    private bool _disposed;
    private long _prunedThrough;

    /// <summary>Creates the log of a room from what the store read.</summary>
    /// <param name="store">The store that writes and reads the lines.</param>
    /// <param name="room">The room's name, carried by every line.</param>
    /// <param name="key">The room's key in the store.</param>
    /// <param name="capacity">How many of the newest lines to keep in memory.</param>
    /// <param name="time">The clock for timestamps.</param>
    /// <param name="lastId">The highest id the room ever had.</param>
    /// <param name="prunedThroughId">The highest id of a line no longer stored (retention removed it); 0 when none is missing.</param>
    /// <param name="newest">The newest stored lines, newest first, at most <paramref name="capacity"/>.</param>
    /// <param name="topic">The room's stored topic.</param>
    public SqliteRoomLog(
        SqliteRoomLogStore store, string room, string key, int capacity, TimeProvider time, long lastId, long prunedThroughId, IReadOnlyList<TextPosted> newest, RoomTopic topic)
    {
        Topic = topic;
        _prunedThrough = prunedThroughId;
        _store = store;
        _room = room;
        Key = key;
        _time = time;
        _ring = new TextPosted[capacity];
        _lastId = lastId;

        // Every stored line after _coveredAfter is in the ring.
        _coveredAfter = newest.Count < capacity ? 0 : newest.Count == 0 ? lastId : newest[^1].Id - 1;
        for (var i = newest.Count - 1; i >= 0; i--)
        {
            AddToRing(newest[i]);
        }
    }

    /// <summary>The room's key in the store.</summary>
    public string Key { get; }

    /// <summary>The highest id retention removed (every line up to it is gone); 0 when none was.</summary>
    public long PrunedThroughId => Interlocked.Read(ref _prunedThrough);

    public ValueTask<TextPosted> AppendAsync(LineDraft draft, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var line = new TextPosted(++_lastId, draft.Author, draft.Text, _time.GetUtcNow().UtcDateTime) { Kind = draft.Kind, Room = _room };
            var append = _store.Enqueue(this, line);
            _lastWrite = append;
            return new ValueTask<TextPosted>(append);
        }
    }

    public RoomTopic Topic { get; private set; }

    public Task SaveTopicAsync(RoomTopic topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var save = _store.EnqueueTopic(Key, topic);
            _lastWrite = save;
            Topic = topic;
            return cancellationToken.CanBeCanceled ? save.WaitAsync(cancellationToken) : save;
        }
    }

    public ValueTask<IReadOnlyList<TextPosted>> ReadAsync(LogRange range, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(range.Limit);
        lock (_lock)
        {
            // The ring may still hold lines retention removed from the file.
            range = range with { AfterId = Math.Max(range.AfterId, _prunedThrough) };
            var kept = new List<TextPosted>(Math.Min(range.Limit, _count));
            if (range.Limit == 0)
            {
                return new ValueTask<IReadOnlyList<TextPosted>>(kept);
            }

            var start = (_next - _count + _ring.Length) % Math.Max(_ring.Length, 1);
            if (range.Order == LogOrder.NewestFirst)
            {
                for (var i = _count - 1; i >= 0 && kept.Count < range.Limit; i--)
                {
                    AddIfInRange(kept, _ring[(start + i) % _ring.Length], range);
                }

                if (kept.Count == range.Limit || _coveredAfter <= range.AfterId)
                {
                    return new ValueTask<IReadOnlyList<TextPosted>>(kept);
                }
            }
            else if (_coveredAfter <= range.AfterId)
            {
                for (var i = 0; i < _count && kept.Count < range.Limit; i++)
                {
                    AddIfInRange(kept, _ring[(start + i) % _ring.Length], range);
                }

                return new ValueTask<IReadOnlyList<TextPosted>>(kept);
            }
        }

        return new ValueTask<IReadOnlyList<TextPosted>>(_store.ReadAsync(Key, _room, range, cancellationToken));
    }

    public ValueTask<IReadOnlyList<TextPosted>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        return new ValueTask<IReadOnlyList<TextPosted>>(_store.SearchAsync(Key, _room, query, PrunedThroughId, cancellationToken));
    }

    /// <summary>Stops taking lines and waits until those already taken (and a topic) are committed (or failed).</summary>
    /// <returns>A task that completes when nothing of this log is pending.</returns>
    public async ValueTask DisposeAsync()
    {
        Task last;
        lock (_lock)
        {
            _disposed = true;
            last = _lastWrite;
        }

        // The store opens the room again only after these writes: its ids and topic are read from the file.
        _store.Closed(this, last);

        try
        {
            await last.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException)
        {
            // The author was told; nothing of it to wait for.
        }
    }

    /// <summary>Told by the store's writer when a line's transaction committed, in id order.</summary>
    /// <param name="line">The line.</param>
    internal void Committed(TextPosted line)
    {
        lock (_lock)
        {
            AddToRing(line);
        }
    }

    /// <summary>Told by the store's pruner that every line up to <paramref name="through"/> is gone.</summary>
    /// <param name="through">The highest id removed.</param>
    internal void Pruned(long through)
    {
        lock (_lock)
        {
            _prunedThrough = Math.Max(_prunedThrough, through);
        }
    }

    private static void AddIfInRange(List<TextPosted> kept, TextPosted line, LogRange range)
    {
        if (line.Id > range.AfterId && line.Id < range.BeforeId)
        {
            kept.Add(line);
        }
    }

    private void AddToRing(TextPosted line)
    {
        if (_ring.Length == 0)
        {
            _coveredAfter = line.Id;
            return;
        }

        if (_count == _ring.Length)
        {
            _coveredAfter = _ring[_next].Id;
        }

        _ring[_next] = line;
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
    }
}
