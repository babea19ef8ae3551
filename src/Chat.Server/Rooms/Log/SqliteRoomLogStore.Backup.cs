using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Chat.Server;

/// <summary>
/// Online backup with SQLite's backup API: a reader's snapshot of the whole file is copied page by
/// page while the writer goes on (WAL lets them run side by side), into a file of its own that
/// needs no <c>-wal</c> beside it. Copying <see cref="FileName"/> itself while the server runs is
/// not safe: committed lines may still be only in the <c>-wal</c> file.
/// </summary>
internal sealed partial class SqliteRoomLogStore
{
    /// <summary>Copies the history, as committed when the copy starts, to a new file.</summary>
    /// <param name="path">The backup file to make; it must not exist yet, and its folder must.</param>
    /// <param name="cancellationToken">Gives up before the copy starts.</param>
    /// <returns>Where the backup is and what it holds.</returns>
    /// <exception cref="ArgumentException">The path is the live history, exists already, or its folder does not; the message says which.</exception>
    /// <exception cref="SqliteException">SQLite could not write the copy.</exception>
    public Task<SqliteBackup> BackupAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var target = Path.GetFullPath(path);
        if (IsLiveFile(target))
        {
            throw new ArgumentException($"{target} is the live history file; choose another path for the backup.");
        }

        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new ArgumentException($"{target} exists already; choose a new file name (a backup never overwrites).");
        }

        if (Path.GetDirectoryName(target) is not { } folder || !Directory.Exists(folder))
        {
            throw new ArgumentException($"The folder of {target} does not exist.");
        }

        return Task.Run(() => Backup(target), cancellationToken);
    }

    private SqliteBackup Backup(string target)
    {
        // Written under another name and moved into place, so a failed backup leaves no half file.
        var partial = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            var destinationString = new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString();
            long lines;
            long privateMessages;
            using (var source = OpenReader())
            using (var destination = new SqliteConnection(destinationString))
            {
                destination.Open();
                source.BackupDatabase(destination);
                using var command = destination.CreateCommand();
                command.CommandText = "PRAGMA journal_mode = DELETE; SELECT (SELECT count(*) FROM lines), (SELECT count(*) FROM private_lines);";
                using var reader = command.ExecuteReader();
                reader.NextResult();
                reader.Read();
                lines = reader.GetInt64(0);
                privateMessages = reader.GetInt64(1);
            }

            File.Move(partial, target, overwrite: false);
            return new SqliteBackup(target, lines, privateMessages, new FileInfo(target).Length);
        }
        finally
        {
            File.Delete(partial);
            File.Delete(partial + "-journal");
        }
    }

    private bool IsLiveFile(string target)
    {
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            if (string.Equals(target, DatabasePath + suffix, comparison))
            {
                return true;
            }
        }

        // The same file by another name (a link).
        return File.Exists(target) && string.Equals(
            new FileInfo(target).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? target,
            DatabasePath,
            comparison);
    }

    /// <summary>Describes a backup for the operator.</summary>
    /// <param name="backup">The backup.</param>
    /// <returns>One line.</returns>
    public static string Describe(SqliteBackup backup) => string.Create(
        CultureInfo.InvariantCulture,
        $"Backed up the history to {backup.Path}: {backup.Lines} lines, {backup.PrivateMessages} private messages, {backup.Bytes / 1024.0:0.#} KiB.");
}
