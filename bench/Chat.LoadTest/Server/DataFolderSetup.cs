namespace Chat.LoadTest.Server;

/// <summary>
/// A fresh data folder for a started server, so that its history (SQLite by default) starts
/// empty in every run and never touches a folder another server uses (such as the one chat.sh
/// starts in ./chat-data). Not made when the arguments name a folder with <c>--data</c>.
/// Disposing deletes it.
/// </summary>
internal sealed class DataFolderSetup : IDisposable
{
    private readonly string? _folder;

    private DataFolderSetup(string? folder) => _folder = folder;

    /// <summary>The server arguments that point it at the folder (none when the caller named one).</summary>
    public IReadOnlyList<string> ServerArguments => _folder is null ? [] : ["--data", _folder];

    /// <summary>Makes a new temporary folder unless <paramref name="serverArguments"/> has <c>--data</c>.</summary>
    public static DataFolderSetup For(IReadOnlyList<string> serverArguments) =>
        serverArguments.Any(a => a == "--data" || a.StartsWith("--data=", StringComparison.Ordinal))
            ? new DataFolderSetup(null)
            : new DataFolderSetup(Directory.CreateTempSubdirectory("chat-loadtest-data-").FullName);

    public void Dispose()
    {
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
