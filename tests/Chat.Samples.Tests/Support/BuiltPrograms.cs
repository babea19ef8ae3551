using System.Reflection;

namespace Chat.Samples.Tests.Support;

/// <summary>
/// Where the programs under test were built: the server and each sample in its own output folder,
/// in the configuration of this test assembly, written into it by the project file.
/// </summary>
internal static class BuiltPrograms
{
    private static readonly Dictionary<string, string> s_metadata = typeof(BuiltPrograms).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .ToDictionary(a => a.Key, a => a.Value ?? string.Empty);

    public static string RepositoryRoot => s_metadata["RepositoryRoot"];

    public static string Configuration => s_metadata["Configuration"];

    public static string TargetFramework => s_metadata["TargetFramework"];

    /// <summary>The version the repository packs Chat.Protocol as.</summary>
    public static string Version => s_metadata["Version"];

    /// <summary>Whether the samples were built on the Chat.Protocol package (-p:UseProtocolPackage=true) rather than the project.</summary>
    public static bool UseProtocolPackage => string.Equals(s_metadata["UseProtocolPackage"], "true", StringComparison.OrdinalIgnoreCase);

    public static string Server => OutputOf("src/Chat.Server", "Chat.Server.dll");

    public static string EchoBot => Sample("EchoBot");

    public static string LineClient => Sample("LineClient");

    public static string HelloRoom => Sample("HelloRoom");

    public static string RoomBot => Sample("RoomBot");

    /// <summary>Starts the server built here on 127.0.0.1 and waits until it listens.</summary>
    /// <param name="port">The port, or 0 for a free one.</param>
    /// <param name="options">More server options, such as <c>--rate 1</c>.</param>
    public static Task<ServerProcess> StartServerAsync(int port = 0, params string[] options) =>
        ServerProcess.StartAsync(Server, port, options);

    public static string PathOf(string relativePath) => Path.Combine(RepositoryRoot, relativePath);

    public static string OutputFolderOf(string projectFolder) =>
        PathOf(Path.Combine(projectFolder, "bin", Configuration, TargetFramework));

    private static string Sample(string name) => OutputOf(Path.Combine("samples", name), name + ".dll");

    private static string OutputOf(string projectFolder, string fileName)
    {
        var path = Path.Combine(OutputFolderOf(projectFolder), fileName);
        Assert.True(File.Exists(path), $"{path} was not built; the test project's references build it.");
        return path;
    }
}
