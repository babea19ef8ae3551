using Microsoft.Data.Sqlite;

namespace Chat.Server;

/// <summary>
/// The tables of the history file, created when missing and brought up to date when the file was
/// made by an older server: each step checks what is there before it changes anything.
/// </summary>
internal static partial class SqliteSchema
{
    private const string Tables = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS rooms (
            key TEXT NOT NULL PRIMARY KEY,
            last_id INTEGER NOT NULL,
            pruned_through INTEGER NOT NULL DEFAULT 0
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
        CREATE TABLE IF NOT EXISTS private_lines (
            id INTEGER PRIMARY KEY,
            from_name TEXT NOT NULL,
            to_name TEXT NOT NULL,
            from_key TEXT NOT NULL,
            to_key TEXT NOT NULL,
            text TEXT NOT NULL,
            kind INTEGER NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS private_lines_from ON private_lines (from_key, id);
        CREATE INDEX IF NOT EXISTS private_lines_to ON private_lines (to_key, id);
        """;

    /// <summary>Creates what is missing and migrates what is old.</summary>
    /// <param name="connection">The writer's connection, open.</param>
    public static void Apply(SqliteConnection connection)
    {
        Execute(connection, Tables);

        // Files made before retention (issue 15) have rooms without pruned_through.
        if (!HasColumn(connection, "rooms", "pruned_through"))
        {
            Execute(connection, "ALTER TABLE rooms ADD COLUMN pruned_through INTEGER NOT NULL DEFAULT 0");
        }

        // Files made before topics and the operator's rooms were kept (issue 15) have rooms without them.
        AddRoomColumns(connection);

        ApplyFullText(connection);
    }

    /// <summary>
    /// Adds the columns of <c>rooms</c> that keep a room's topic (text, who set it, when in ticks; 0
    /// for never) and whether the operator made it while the server ran (<c>kept</c>, with its name as
    /// first written), where they are missing.
    /// </summary>
    private static void AddRoomColumns(SqliteConnection connection)
    {
        (string Name, string Definition)[] columns =
        [
            ("name", "TEXT NOT NULL DEFAULT ''"),
            ("kept", "INTEGER NOT NULL DEFAULT 0"),
            ("topic", "TEXT NOT NULL DEFAULT ''"),
            ("topic_by", "TEXT NOT NULL DEFAULT ''"),
            ("topic_at", "INTEGER NOT NULL DEFAULT 0"),
        ];
        foreach (var (name, definition) in columns)
        {
            if (!HasColumn(connection, "rooms", name))
            {
                Execute(connection, $"ALTER TABLE rooms ADD COLUMN {name} {definition}");
            }
        }
    }

    /// <summary>Reads a value of the <c>meta</c> table.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="key">The value's name.</param>
    /// <returns>The value, or <see langword="null"/> when there is none.</returns>
    public static string? ReadMeta(SqliteConnection connection, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Writes a value of the <c>meta</c> table.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The transaction to write in, if any.</param>
    /// <param name="key">The value's name.</param>
    /// <param name="value">The value.</param>
    public static void WriteMeta(SqliteConnection connection, SqliteTransaction? transaction, string key, string value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = $column";
        command.Parameters.AddWithValue("$column", column);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static bool HasTable(SqliteConnection connection, string table, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = $table";
        command.Parameters.AddWithValue("$table", table);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
