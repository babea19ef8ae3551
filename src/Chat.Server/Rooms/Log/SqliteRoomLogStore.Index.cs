using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Chat.Server;

/// <summary>
/// The full-text index, off the commit path: a line's transaction stores only the line; the writer
/// adds committed lines to <c>lines_fts</c> in bulk, one statement for many lines, in a transaction
/// of its own, when <see cref="IndexBatch"/> lines wait for it or when it has had nothing else to
/// do for <see cref="IndexIdle"/>. The same transaction moves the watermark
/// (<see cref="SqliteSchema.IndexedThroughKey"/>), so after a crash the next start finds the lines
/// still to index. Search looks in the index and scans the lines after the watermark.
/// </summary>
/// <remarks>
/// The writer gives every line its <c>seq</c> itself, above both the highest stored and the
/// watermark, so a <c>seq</c> freed by a deletion is never given again to a line the index would
/// then take for indexed.
/// </remarks>
internal sealed partial class SqliteRoomLogStore
{
    /// <summary>Lines waiting for the index that make the writer index them even while busy.</summary>
    public const int DefaultIndexBatch = 5000;

    private long _lastSeq;
    private long _indexedThrough;

    /// <summary>How many lines may wait for the index before the writer indexes them between commits.</summary>
    public int IndexBatch { get; }

    /// <summary>How long the writer waits with nothing queued before it indexes the lines waiting; <see cref="Timeout.InfiniteTimeSpan"/> never (only by <see cref="IndexBatch"/>).</summary>
    public TimeSpan IndexIdle { get; }

    /// <summary>Indexes every committed line now, through the writer; for tests and the benchmark.</summary>
    /// <returns>A task that completes when every line committed before the call is in the index.</returns>
    internal Task IndexNowAsync() => RunAsync(connection => IndexLines(connection, long.MaxValue));

    /// <summary>Reads where the sequence of lines and the index stand; the writer's connection, at start.</summary>
    private void OpenIndex()
    {
        _indexedThrough = SqliteSchema.ReadIndexedThrough(_writer);
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM lines";
        _lastSeq = Math.Max(_indexedThrough, Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    /// <summary>The <c>seq</c> of the next line; called by the writer only.</summary>
    private long NextSeq() => ++_lastSeq;

    /// <summary>Whether enough lines wait for the index to index them even with more writes queued.</summary>
    private bool IndexIsBehind => _lastSeq - _indexedThrough >= IndexBatch;

    /// <summary>Whether any committed line is not in the index.</summary>
    private bool IndexHasWork => _lastSeq > _indexedThrough;

    /// <summary>Adds up to <paramref name="most"/> of the lines not yet indexed, oldest first, in one transaction; returns how many <c>seq</c> it covered.</summary>
    private long IndexLines(SqliteConnection connection, long most)
    {
        var from = _indexedThrough;
        var through = _lastSeq - from > most ? from + most : _lastSeq;
        if (through <= from)
        {
            return 0;
        }

        using var transaction = connection.BeginTransaction();
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO lines_fts (rowid, text) SELECT seq, text FROM lines WHERE seq > $from AND seq <= $through";
            insert.Parameters.AddWithValue("$from", from);
            insert.Parameters.AddWithValue("$through", through);
            insert.ExecuteNonQuery();
        }

        SqliteSchema.WriteMeta(connection, transaction, SqliteSchema.IndexedThroughKey, through.ToString(CultureInfo.InvariantCulture));
        transaction.Commit();
        _indexedThrough = through;
        return through - from;
    }

    /// <summary>Indexes waiting lines between the writer's commits; a failure leaves them for the next try (search still scans them).</summary>
    private void IndexInBackground()
    {
        try
        {
            IndexLines(_writer, long.MaxValue);
        }
        catch (SqliteException exception)
        {
            LogIndexFailed(_logger, exception);
        }
    }
}
