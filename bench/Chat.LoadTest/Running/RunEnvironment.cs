using Chat.LoadTest.Clients;
using Chat.LoadTest.Server;
using Chat.Protocol;

namespace Chat.LoadTest.Running;

/// <summary>
/// One run's server, settings, tag and deadline, and the clients to close at its end. A server
/// this program started is stopped before the clients close, so that 10,000 clients do not
/// each announce their departure to all the others.
/// </summary>
internal sealed class RunEnvironment : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly CancellationToken _userCancellation;
    private readonly List<IAsyncDisposable> _fleets = [];

    public RunEnvironment(ServerTarget server, CommonSettings settings, int tag, CancellationToken userCancellation, ChatTlsOptions? tls = null)
    {
        Tls = tls;
        Server = server;
        Settings = settings;
        Tag = tag;
        _userCancellation = userCancellation;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(userCancellation);
        _stop.CancelAfter(settings.Timeout);
    }

    public ServerTarget Server { get; }

    /// <summary>How the clients check the server's certificate; <see langword="null"/> for plaintext.</summary>
    public ChatTlsOptions? Tls { get; }

    public CommonSettings Settings { get; }

    /// <summary>The run tag: part of every user name and line of this run.</summary>
    public int Tag { get; }

    /// <summary>The tag of the run's warm-up lines, different from <see cref="Tag"/>.</summary>
    public int WarmupTag => (Tag + 5000) % (Measurement.LineText.MaxTag + 1);

    /// <summary>Cancelled at the run's deadline or on Ctrl+C.</summary>
    public CancellationToken Stop => _stop.Token;

    /// <summary>Whether the user interrupted the run (as opposed to the deadline passing).</summary>
    public bool UserCancelled => _userCancellation.IsCancellationRequested;

    /// <summary>The client API's settings for this run's clients.</summary>
    public ChatClientOptions ClientOptions => ChatClientOptions.Default with
    {
        ClientName = "Chat.LoadTest",
        HandshakeTimeout = Settings.Timeout,
        Connection = ChatConnectionOptions.Default with
        {
            ConnectTimeout = Settings.Timeout < TimeSpan.FromSeconds(30) ? Settings.Timeout : TimeSpan.FromSeconds(30),
            Tls = Tls,
        },
    };

    /// <summary>
    /// Whether the clients that decline presence are thin clients: asked for (<c>--client thin</c>)
    /// and without TLS, which thin clients do not speak.
    /// </summary>
    public bool ThinClients => Settings.ThinClients && Tls is null;

    /// <summary>
    /// How many receive loops read the thin clients: <c>--receive-threads</c> with <c>--client epoll</c>
    /// where epoll is there to call (Linux x86-64), 0 otherwise (the thin clients read with .NET's async sockets).
    /// </summary>
    public int ReceiveThreads => ThinClients && Settings.EpollClients && Clients.Epoll.EpollNative.Supported ? Settings.ReceiveThreads : 0;

    /// <summary>Settings to connect <paramref name="count"/> clients of this run.</summary>
    public FleetSettings Fleet(int count) => new(
        Server.Host, Server.Port, Tag, count, Settings.ConnectConcurrency, ClientOptions, Settings.PresenceSample, Settings.PresenceForAll,
        ThinClients, ReceiveThreads);

    /// <summary>Closes <paramref name="fleet"/> (a <see cref="ClientFleet"/> or another scenario's clients) when the run ends.</summary>
    public void Own(IAsyncDisposable fleet) => _fleets.Add(fleet);

    public async ValueTask DisposeAsync()
    {
        if (Server.Owned)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var fleet in _fleets)
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
        }

        await Server.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
