using Microsoft.Data.Sqlite;

namespace Chat.Server;

/// <summary>The console's <c>backup &lt;path&gt;</c>.</summary>
internal sealed partial class OperatorConsole
{
    private async Task BackupAsync(string path)
    {
        if (!server.CanBackUp)
        {
            Fail("The history is kept in memory (--history memory): there is no file to back up. Start the server with --history sqlite to keep it in a file.");
            return;
        }

        try
        {
            var backup = await server.BackupAsync(path);
            LogBackup(_logger, Actor, backup.Path, backup.Bytes);
            Write(SqliteRoomLogStore.Describe(backup));
        }
        catch (ArgumentException ex)
        {
            Fail($"No backup: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            Fail($"The backup failed: {ex.Message}");
        }
    }
}
