using Chat.Server.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Chat.Server.Tests.History;

/// <summary>The server says at start where its history lives, so an operator knows what to back up.</summary>
public class HistoryStartupLogTests
{
    [Fact]
    public async Task ASqliteServerNamesItsHistoryFile()
    {
        using var folder = new SqliteStoreFolder();
        await using var server = TestServer.Start(o => o with { HistoryStore = HistoryStoreKind.Sqlite, DataFolder = folder.Path });

        var entry = Assert.Single(server.Logs.Entries, e => e.Message.StartsWith("History is kept", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains(Path.GetFullPath(folder.Database), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMemoryServerSaysNothingSurvivesAStop()
    {
        await using var server = TestServer.Start(o => o with { HistoryStore = HistoryStoreKind.Memory, HistoryLength = 50 });

        var entry = Assert.Single(server.Logs.Entries, e => e.Message.StartsWith("History is kept", StringComparison.Ordinal));
        Assert.Equal($"History is kept in memory: the last {new ChatServerOptions { HistoryLength = 50 }.MemoryLinesPerRoom} lines of each room, gone when the server stops", entry.Message);
    }
}
