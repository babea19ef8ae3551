namespace Chat.Protocol.Tests.TestUtilities;

/// <summary>Finds files of the repository the tests were built from.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatRoom.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChatRoom.sln was not found above " + AppContext.BaseDirectory);
    }
}
