using Microsoft.Data.Sqlite;

namespace Chat.Server;

/// <summary>
/// Retention: the background pruner removes lines older than <see cref="SqliteRetention.Days"/>
/// and lines beyond <see cref="SqliteRetention.LinesPerRoom"/>, oldest first, in transactions of
/// at most <see cref="SqliteRetention.BatchSize"/> rows through the store's one writer, so the
/// appends of a busy room wait behind one small deletion at most (and readers, in WAL mode, never
/// wait). Each room remembers the highest id removed (<c>rooms.pruned_through</c>), which its log
/// reports as <see cref="SqliteRoomLog.PrunedThroughId"/>.
/// </summary>
internal sealed partial class SqliteRoomLogStore
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pruning;
    private TaskCompletionSource<int> _nextBackgroundPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the pruner removes.</summary>
    public SqliteRetention Retention { get; }

    /// <summary>
    /// Removes now whatever <see cref="Retention"/> says is too old or too many: the pass the
    /// background pruner makes every <see cref="SqliteRetention.Interval"/>. Safe to call at any
    /// time, also beside a background pass (each step looks afresh at what is left).
    /// </summary>
    /// <param name="cancellationToken">Stops between steps.</param>
    /// <returns>How many lines (room and private) were removed.</returns>
    public async Task<int> PruneNowAsync(CancellationToken cancellationToken = default)
    {
        if (!Retention.Prunes)
        {
            return 0;
        }

        var removed = 0;
        foreach (var key in await RunAsync(static connection => RoomKeys(connection)).ConfigureAwait(false))
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cutoff = Cutoff();
                var step = await RunAsync(connection => PruneRoomStep(connection, key, cutoff, Retention.LinesPerRoom)).ConfigureAwait(false);
                removed += step.Deleted;
                if (step.Deleted > 0 && _open.TryGetValue(key, out var log))
                {
                    log.Pruned(step.Through);
                }

                if (step.Deleted < SqliteRetention.BatchSize)
                {
                    break;
                }
            }
        }

        removed += await PrunePrivateAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Completes after the background pruner's next pass, with how many lines it removed; for tests.</summary>
    /// <returns>The count.</returns>
    internal Task<int> NextBackgroundPassAsync() => Volatile.Read(ref _nextBackgroundPass).Task;

    /// <summary>Runs work on the writer's connection, in turn with the appends.</summary>
    private Task<T> RunAsync<T>(Func<SqliteConnection, T> work)
    {
        var job = new Job<T>(work);
        return _writes.Writer.TryWrite(job) ? job.Done.Task : Task.FromException<T>(new ObjectDisposedException(nameof(SqliteRoomLogStore)));
    }

    /// <summary>The timestamp (in ticks) below which lines are too old; 0 when age keeps everything.</summary>
    private long Cutoff() =>
        Retention.Days > 0 ? _time.GetUtcNow().UtcDateTime.Ticks - (Retention.Days * TimeSpan.TicksPerDay) : 0;

    private static List<string> RoomKeys(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM rooms";
        var keys = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>
    /// Removes the oldest lines of one room that are too old or beyond the limit, at most one
    /// batch, in one transaction. Only a prefix is removed (the oldest lines, in id order), so
    /// every line up to the room's pruned-through id is gone and every line after it is kept.
    /// </summary>
    private static PruneStep PruneRoomStep(SqliteConnection connection, string key, long cutoffTicks, int linesPerRoom)
    {
        using var transaction = connection.BeginTransaction();
        var beyondLimit = 0L;
        if (linesPerRoom > 0)
        {
            using var newest = connection.CreateCommand();
            newest.Transaction = transaction;
            newest.CommandText = "SELECT id FROM lines WHERE room = $key ORDER BY id DESC LIMIT 1 OFFSET $keep";
            newest.Parameters.AddWithValue("$key", key);
            newest.Parameters.AddWithValue("$keep", linesPerRoom);
            beyondLimit = newest.ExecuteScalar() is long id ? id : 0;
        }

        var through = 0L;
        using (var oldest = connection.CreateCommand())
        {
            oldest.Transaction = transaction;
            oldest.CommandText = "SELECT id, at FROM lines WHERE room = $key ORDER BY id LIMIT $batch";
            oldest.Parameters.AddWithValue("$key", key);
            oldest.Parameters.AddWithValue("$batch", SqliteRetention.BatchSize);
            using var reader = oldest.ExecuteReader();
            while (reader.Read() && (reader.GetInt64(0) <= beyondLimit || reader.GetInt64(1) < cutoffTicks))
            {
                through = reader.GetInt64(0);
            }
        }

        if (through == 0)
        {
            return default;
        }

        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM lines WHERE room = $key AND id <= $through";
        delete.Parameters.AddWithValue("$key", key);
        delete.Parameters.AddWithValue("$through", through);
        var deleted = delete.ExecuteNonQuery();
        using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = "UPDATE rooms SET pruned_through = max(pruned_through, $through) WHERE key = $key";
        record.Parameters.AddWithValue("$key", key);
        record.Parameters.AddWithValue("$through", through);
        record.ExecuteNonQuery();
        transaction.Commit();
        return new PruneStep(deleted, through);
    }

    private async Task PruneLoopAsync()
    {
        while (true)
        {
            try
            {
                await Task.Delay(Retention.Interval, _time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var pass = Interlocked.Exchange(ref _nextBackgroundPass, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
            try
            {
                var removed = await PruneNowAsync(_stopping.Token).ConfigureAwait(false);
                if (removed > 0)
                {
                    LogPruned(_logger, removed);
                }

                pass.TrySetResult(removed);
            }
            catch (OperationCanceledException)
            {
                pass.TrySetCanceled();
                return;
            }
            catch (Exception exception) when (exception is SqliteException or ObjectDisposedException)
            {
                LogPruneFailed(_logger, exception);
                pass.TrySetException(exception);
            }
        }
    }

    private async Task StopPruningAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _pruning.ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>What one step of pruning removed: how many rows, and the highest id among them.</summary>
    private readonly record struct PruneStep(int Deleted, long Through);
}
