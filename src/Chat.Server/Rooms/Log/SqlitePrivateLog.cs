using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// The private messages in a <see cref="SqliteRoomLogStore"/> (table <c>private_lines</c>): one id
/// sequence for all of them, going on across restarts; an append is stored by the store's next
/// group commit, beside the rooms' lines, and completes when that committed.
/// </summary>
/// <remarks>Thread-safe: appends are queued in the order of their ids.</remarks>
internal sealed class SqlitePrivateLog : IPrivateLog
{
    private readonly SqliteRoomLogStore _store;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private long _lastId;
    private long _prunedThrough;
    private Task _lastAppend = Task.CompletedTask;
    private bool _disposed;

    /// <summary>Creates the log from what the store read.</summary>
    /// <param name="store">The store that writes and reads the messages.</param>
    /// <param name="time">The clock for timestamps.</param>
    /// <param name="lastId">The highest id ever given.</param>
    /// <param name="prunedThroughId">The highest id retention removed.</param>
    public SqlitePrivateLog(SqliteRoomLogStore store, TimeProvider time, long lastId, long prunedThroughId)
    {
        _store = store;
        _time = time;
        _lastId = lastId;
        _prunedThrough = prunedThroughId;
    }

    public long PrunedThroughId => Interlocked.Read(ref _prunedThrough);

    public ValueTask<PrivateMessage> AppendAsync(PrivateDraft draft, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var message = new PrivateMessage(draft.From, draft.To, draft.Text, _time.GetUtcNow().UtcDateTime) { Kind = draft.Kind, Id = ++_lastId };
            var append = _store.EnqueuePrivate(message);
            _lastAppend = append;
            return new ValueTask<PrivateMessage>(append);
        }
    }

    public ValueTask<IReadOnlyList<PrivateMessage>> ReadAsync(string user, string? partner, LogRange range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfNegative(range.Limit);
        range = range with { AfterId = Math.Max(range.AfterId, PrunedThroughId) };
        return range.Limit == 0
            ? new ValueTask<IReadOnlyList<PrivateMessage>>([])
            : new ValueTask<IReadOnlyList<PrivateMessage>>(_store.ReadPrivateAsync(user, partner, range, cancellationToken));
    }

    /// <summary>Stops taking messages and waits until those already taken are committed (or failed).</summary>
    /// <returns>A task that completes when nothing is pending.</returns>
    public async ValueTask DisposeAsync()
    {
        Task last;
        lock (_lock)
        {
            _disposed = true;
            last = _lastAppend;
        }

        try
        {
            await last.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException)
        {
            // The sender was told; nothing of it to wait for.
        }
    }

    /// <summary>Told by the store's pruner that every message up to <paramref name="through"/> is gone.</summary>
    /// <param name="through">The highest id removed.</param>
    internal void Pruned(long through)
    {
        lock (_lock)
        {
            _prunedThrough = Math.Max(_prunedThrough, through);
        }
    }
}
