namespace Chat.Server;

/// <summary>The operator's backup of the history (issue 15, helper "store").</summary>
internal sealed partial class ChatServer
{
    /// <summary>Whether the history is in a file that <see cref="BackupAsync"/> can copy.</summary>
    public bool CanBackUp => _logStore is SqliteRoomLogStore;

    /// <summary>Copies the history file, while the server runs, with SQLite's backup API.</summary>
    /// <param name="path">The new file.</param>
    /// <returns>Where the backup is and what it holds.</returns>
    /// <exception cref="InvalidOperationException">The history is in memory (<see cref="CanBackUp"/> is false).</exception>
    /// <exception cref="ArgumentException">The path cannot be used; the message says why.</exception>
    public Task<SqliteBackup> BackupAsync(string path) =>
        _logStore is SqliteRoomLogStore store
            ? store.BackupAsync(path)
            : throw new InvalidOperationException("The history is kept in memory (--history memory): there is no file to back up.");
}
