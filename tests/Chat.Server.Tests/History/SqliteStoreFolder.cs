using Microsoft.Data.Sqlite;

namespace Chat.Server.Tests.History;

/// <summary>A temporary data folder for a SQLite history, deleted with its files at the end of a test.</summary>
internal sealed class SqliteStoreFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chat-history-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The database file in the folder.</summary>
    public string Database => System.IO.Path.Combine(Path, SqliteRoomLogStore.FileName);

    /// <summary>Opens a connection of the test's own to the database file, not pooled.</summary>
    public SqliteConnection Connect(string? file = null)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file ?? Database, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Runs a query of one value on the database file.</summary>
    public long Scalar(string sql, string? file = null)
    {
        using var connection = Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Makes the folder and a database file as the first servers with a SQLite history left it (before
    /// retention and search): their two tables, then <paramref name="rows"/> (SQL inserts).
    /// </summary>
    public void MakeFirstVersionFile(string rows)
    {
        Directory.CreateDirectory(Path);
        using var old = Connect();
        using var command = old.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE rooms (key TEXT NOT NULL PRIMARY KEY, last_id INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE lines (seq INTEGER PRIMARY KEY, room TEXT NOT NULL, id INTEGER NOT NULL, author TEXT NOT NULL,
                text TEXT NOT NULL, kind INTEGER NOT NULL, at INTEGER NOT NULL, UNIQUE (room, id));
            """ + rows;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
