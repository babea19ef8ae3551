namespace Chat.Server;

/// <summary>The console socket <c>Chat.Server console</c> attaches to, and what to say when no server answers there.</summary>
/// <param name="Path">The socket.</param>
/// <param name="Missing">The sentence for no server there, given why in a few words.</param>
internal sealed record ConsoleTarget(string Path, Func<string, string> Missing)
{
    /// <summary>The socket in a data folder (a server's <c>--data</c>).</summary>
    /// <param name="dataFolder">The folder.</param>
    /// <returns>Its <see cref="ConsoleWire.FileName"/>.</returns>
    public static ConsoleTarget OfDataFolder(string dataFolder) =>
        new(System.IO.Path.Combine(dataFolder, ConsoleWire.FileName), why => $"No server is running with data folder {dataFolder} ({why}).");

    /// <summary>A socket given by its path (a server's <c>--console-socket</c>).</summary>
    /// <param name="path">The socket.</param>
    /// <returns>The target.</returns>
    public static ConsoleTarget OfSocket(string path) =>
        new(path, why => $"No server is listening at {path} ({why}).");
}
