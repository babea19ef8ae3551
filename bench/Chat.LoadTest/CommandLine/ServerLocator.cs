namespace Chat.LoadTest.CommandLine;

/// <summary>Finds the Release server in the repository this program was built from.</summary>
internal static class ServerLocator
{
    private const string ReleaseFolder = "src/Chat.Server/bin/Release/net10.0";
    private const string RelativeServerDll = ReleaseFolder + "/Chat.Server.dll";

    /// <summary>
    /// The newer of the published server (<c>dotnet publish src/Chat.Server -c Release</c>, compiled
    /// ahead of time: <c>src/Chat.Server/bin/Release/net10.0/&lt;runtime&gt;/publish/Chat.Server.dll</c>)
    /// and the built one (<c>src/Chat.Server/bin/Release/net10.0/Chat.Server.dll</c>), under the
    /// first folder above this program (or the current folder) that holds ChatRoom.sln; the built
    /// one's relative path when none does. The report names the one it started.
    /// </summary>
    public static string DefaultServerDll()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "ChatRoom.sln")))
                {
                    return Newest(folder.FullName);
                }
            }
        }

        return RelativeServerDll;
    }

    private static string Newest(string root)
    {
        var built = Path.Combine(root, RelativeServerDll);
        var release = new DirectoryInfo(Path.Combine(root, ReleaseFolder));
        var published = release.Exists
            ? release.EnumerateDirectories()
                .Select(runtime => new FileInfo(Path.Combine(runtime.FullName, "publish", "Chat.Server.dll")))
                .Where(file => file.Exists)
                .OrderByDescending(file => file.LastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        return published is not null && (!File.Exists(built) || published.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(built))
            ? published.FullName
            : built;
    }
}
