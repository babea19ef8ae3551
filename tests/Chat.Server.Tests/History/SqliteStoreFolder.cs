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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
