using Microsoft.Data.Sqlite;

namespace Chat.Server;

/// <summary>
/// The full-text index of the rooms' lines: an external-content FTS5 table over <c>lines</c> (it
/// stores only the index; the text stays in <c>lines</c>). It is not written line by line: the
/// store's writer adds committed lines to it in bulk (SqliteRoomLogStore.Index.cs) and records in
/// <c>meta</c> (<see cref="IndexedThroughKey"/>) the <c>seq</c> through which every line is in it
/// and after which none is. A trigger takes a deleted line out of the index when it is in it. Lines
/// are only ever inserted and deleted, never updated. The tokenizer folds case and diacritics, as
/// <see cref="SearchWords"/> does for the memory store (and for the lines not yet indexed).
/// </summary>
internal static partial class SqliteSchema
{
    /// <summary>The <c>meta</c> key of the highest <c>seq</c> through which lines are in the index.</summary>
    public const string IndexedThroughKey = "fts_through";

    private const string FullText = """
        CREATE VIRTUAL TABLE lines_fts USING fts5(text, content = 'lines', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
        """;

    // Deleting from an external-content index what it does not hold would corrupt it, hence the WHEN.
    private const string FullTextDeleteTrigger = """
        CREATE TRIGGER IF NOT EXISTS lines_fts_delete_indexed AFTER DELETE ON lines
        WHEN old.seq <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_through') BEGIN
            INSERT INTO lines_fts (lines_fts, rowid, text) VALUES ('delete', old.seq, old.text);
        END;
        """;

    /// <summary>Reads how far the index goes.</summary>
    /// <param name="connection">An open connection.</param>
    /// <returns>The highest <c>seq</c> through which lines are indexed.</returns>
    public static long ReadIndexedThrough(SqliteConnection connection) =>
        ReadMeta(connection, IndexedThroughKey) is { } value ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>
    /// Makes the index, or brings an older one up to date: files made before search get it built
    /// once; files whose index was kept by an insert trigger (every line indexed) lose the trigger.
    /// </summary>
    private static void ApplyFullText(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        if (!HasTable(connection, "lines_fts", transaction))
        {
            Execute(connection, FullText, transaction);
            Execute(connection, "INSERT INTO lines_fts (lines_fts) VALUES ('rebuild')", transaction);
            MarkAllIndexed(connection, transaction);
        }
        else if (HasTable(connection, "lines_fts_insert", transaction))
        {
            Execute(connection, "DROP TRIGGER lines_fts_insert", transaction);
            MarkAllIndexed(connection, transaction);
        }

        Execute(connection, "DROP TRIGGER IF EXISTS lines_fts_delete", transaction);
        Execute(connection, FullTextDeleteTrigger, transaction);
        transaction.Commit();
    }

    private static void MarkAllIndexed(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM lines";
        var through = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        WriteMeta(connection, transaction, IndexedThroughKey, through.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
