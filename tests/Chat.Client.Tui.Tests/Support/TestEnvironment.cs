using System.Runtime.CompilerServices;

namespace Chat.Client.Tui.Tests.Support;

internal static class TestEnvironment
{
    /// <summary>Keeps Terminal.Gui's driver off the real terminal in headless tests.</summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Test assembly set-up must run before any test touches Terminal.Gui.")]
    internal static void Initialize() => Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
}
