namespace Chat.Server;

/// <summary>The operator console on a Unix domain socket (issue 16).</summary>
internal sealed partial record ChatServerOptions
{
    /// <summary>
    /// Where the operator console listens for <c>Chat.Server console</c> (<see cref="ConsoleSocketListener"/>);
    /// <see langword="null"/> for nowhere. The command line's default is <see cref="ConsoleWire.FileName"/> in
    /// <see cref="DataFolder"/>; a server made in code has none unless it asks.
    /// </summary>
    public string? ConsoleSocket { get; init; }
}
