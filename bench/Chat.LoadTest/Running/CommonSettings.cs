namespace Chat.LoadTest.Running;

/// <summary>The settings every scenario shares: which server, how long, how many runs.</summary>
/// <param name="ServerDll">The Chat.Server.dll to start; used unless <paramref name="Port"/> targets a running server.</param>
/// <param name="Host">The running server's address, when targeting one.</param>
/// <param name="Port">The running server's port; when given, no server is started.</param>
/// <param name="ServerPid">The running server's process id, for its CPU and memory.</param>
/// <param name="ServerArguments">The arguments a started server gets after <c>--address 127.0.0.1 --port 0 --exempt 127.0.0.0/8</c>.</param>
/// <param name="Timeout">The longest one run may take, connecting included.</param>
/// <param name="Runs">How many times the scenario runs.</param>
/// <param name="ConnectConcurrency">How many joins may be under way at once.</param>
/// <param name="PresenceSample">How many clients have their user list compared name by name at the end.</param>
/// <param name="PresenceForAll">Whether every client receives presence; otherwise only the <paramref name="PresenceSample"/> clients do.</param>
/// <param name="TextLength">The length of each line, in bytes (ASCII).</param>
/// <param name="Tls">Whether the started server speaks TLS, with a self-signed certificate its clients pin.</param>
/// <param name="ThinClients">
/// Whether the clients that decline presence are thin clients on raw sockets (<c>--client thin</c>)
/// rather than ChatClients; with TLS they are ChatClients regardless (see <see cref="RunEnvironment.ThinClients"/>).
/// </param>
/// <param name="EpollClients">
/// Whether those thin clients are read by epoll receive loops (<c>--client epoll</c>, Linux x86-64
/// only; elsewhere they stay thin: see <see cref="RunEnvironment.ReceiveThreads"/>).
/// </param>
/// <param name="ReceiveThreads">How many receive loops (threads) read the epoll clients (<c>--receive-threads</c>).</param>
internal sealed record CommonSettings(
    string ServerDll,
    string Host,
    int? Port,
    int? ServerPid,
    IReadOnlyList<string> ServerArguments,
    TimeSpan Timeout,
    int Runs,
    int ConnectConcurrency,
    int PresenceSample,
    bool PresenceForAll,
    int TextLength,
    bool Tls = false,
    bool ThinClients = false,
    bool EpollClients = false,
    int ReceiveThreads = 2)
{
    /// <summary>Whether each run starts its own server.</summary>
    public bool StartsServer => Port is null;
}
