using System.Reflection;

namespace Chat.Shared;

/// <summary>
/// The product version, such as "1.0.0": VersionPrefix in Directory.Build.props, the one place it
/// is set, as the build stamped it on the assembly this file is compiled into (without the source
/// revision). One file, linked into Chat.Protocol, Chat.Server and Chat.Client.Tui.
/// </summary>
internal static class ProductVersion
{
    /// <summary>The version, without the "+revision" suffix.</summary>
    public static string Text { get; } =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";
}
