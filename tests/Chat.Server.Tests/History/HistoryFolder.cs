using Microsoft.Data.Sqlite;

namespace Chat.Server.Tests.History;

/// <summary>A data folder of its own in the temp folder, for a test's SQLite history; deleted afterwards.</summary>
internal sealed class HistoryFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chat-history-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Settings for a server whose history is kept as the command line's <c>--history</c> says: <c>sqlite</c> (in this folder) or <c>memory</c>.</summary>
    public Func<ChatServerOptions, ChatServerOptions> Store(string kind, Func<ChatServerOptions, ChatServerOptions>? more = null) =>
        Store(kind == "sqlite" ? HistoryStoreKind.Sqlite : HistoryStoreKind.Memory, more);

    /// <summary>Settings for a server whose history is kept in this folder, or in memory.</summary>
    public Func<ChatServerOptions, ChatServerOptions> Store(HistoryStoreKind kind, Func<ChatServerOptions, ChatServerOptions>? more = null) =>
        options =>
        {
            options = kind == HistoryStoreKind.Sqlite ? options with { HistoryStore = kind, DataFolder = Path } : options with { HistoryStore = kind };
            return more?.Invoke(options) ?? options;
        };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
