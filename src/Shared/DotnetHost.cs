namespace Chat.Shared;

/// <summary>
/// The <c>dotnet</c> executable to run a built program's dll with: the one running this process
/// when it is dotnet, else the SDK's DOTNET_HOST_PATH, else whichever is on PATH. Linked into the
/// load generator and the tests, which start the server and the samples this way.
/// </summary>
internal static class DotnetHost
{
    public static string Path =>
        Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : "dotnet";
}
