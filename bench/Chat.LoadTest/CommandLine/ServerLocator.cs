namespace Chat.LoadTest.CommandLine;

/// <summary>Finds the Release build of Chat.Server in the repository this program was built from.</summary>
internal static class ServerLocator
{
    private const string RelativeServerDll = "src/Chat.Server/bin/Release/net10.0/Chat.Server.dll";

    /// <summary>
    /// <c>src/Chat.Server/bin/Release/net10.0/Chat.Server.dll</c> under the first folder above this
    /// program (or the current folder) that holds ChatRoom.sln; that relative path when none does.
    /// </summary>
    public static string DefaultServerDll()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "ChatRoom.sln")))
                {
                    return Path.Combine(folder.FullName, RelativeServerDll);
                }
            }
        }

        return RelativeServerDll;
    }
}
