using System.Reflection;

namespace Chat.Server;

/// <summary>The product version the server reports (from the build's <c>VersionPrefix</c>).</summary>
internal static class ServerVersion
{
    /// <summary>The version, such as "1.0.0", without the source revision.</summary>
    public static string Text { get; } =
        typeof(ServerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";
}
