using System.Net;
using System.Threading.Channels;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Testing;

/// <summary>
/// A scripted stand-in for a chat server: the test decides, message by message, what it
/// receives and what it answers. Over TCP it listens on 127.0.0.1 with a port of the system's
/// choosing (with TLS, presenting <see cref="TestCertificates.Localhost"/>); in memory each client it starts gets one end of a new
/// <see cref="ChatConnection.CreatePair"/>, and <see cref="AcceptAsync"/> hands the test the other.
/// It owns every session it accepts and every client it started: disposing it aborts the
/// sessions first (as a crashed server would), then disposes the clients, so a test never waits
/// for a graceful close that its script did not play.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly ChatConnectionOptions _options;
    private readonly ChatListener? _listener;
    private readonly Channel<ChatConnection> _memoryServerEnds = Channel.CreateUnbounded<ChatConnection>();
    private readonly List<FakeSession> _sessions = [];
    private readonly List<Task<ChatClient>> _clients = [];

    private FakeChatServer(TransportKind kind, ChatConnectionOptions options)
    {
        Kind = kind;
        _options = options;
        var endPoint = new IPEndPoint(IPAddress.Loopback, 0);
        _listener = kind switch
        {
            TransportKind.Tcp => ChatListener.Bind(endPoint, options),
            TransportKind.Tls => ChatListener.BindTls(endPoint, new ChatServerCertificate(TestCertificates.Localhost), options),
            _ => null,
        };
    }

    public TransportKind Kind { get; }

    public int Port => _listener?.LocalEndPoint.Port ?? throw new InvalidOperationException("An in-memory server has no port.");

    public static FakeChatServer Start(TransportKind kind, ChatConnectionOptions? options = null) =>
        new(kind, options ?? ChatConnectionOptions.Default);

    /// <summary>Starts a client joining this server, the way an application would.</summary>
    public Task<ChatClient> ConnectClientAsync(string userName, ChatClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        Task<ChatClient> joining;
        if (_listener is not null)
        {
            joining = ChatClient.ConnectAsync("127.0.0.1", Port, userName, options, cancellationToken);
        }
        else
        {
            var (client, server) = ChatConnection.CreatePair(_options);
            _memoryServerEnds.Writer.TryWrite(server);
            joining = ChatClient.JoinAsync(client, userName, options, cancellationToken);
        }

        lock (_clients)
        {
            _clients.Add(joining);
        }

        return joining;
    }

    /// <summary>Waits for the next client to connect.</summary>
    public async Task<FakeSession> AcceptAsync()
    {
        var connection = _listener is not null
            ? await _listener.AcceptAsync().WithTimeout()
            : await _memoryServerEnds.Reader.ReadAsync().WithTimeout();
        var session = new FakeSession(connection);
        lock (_sessions)
        {
            _sessions.Add(session);
        }

        return session;
    }

    /// <summary>
    /// Plays the server's side of the next client's handshake: accepts it, receives its hello and
    /// answers with <paramref name="welcome"/> (by default one listing only the client).
    /// </summary>
    /// <returns>The session, in the room.</returns>
    public async Task<FakeSession> WelcomeNextAsync(Func<Hello, Welcome>? welcome = null)
    {
        var session = await AcceptAsync();
        var hello = await session.ReceiveAsync<Hello>();
        await session.SendAsync(welcome?.Invoke(hello) ?? FakeSession.WelcomeFor(hello));
        return session;
    }

    /// <summary>
    /// Joins a client and plays the server's side of the handshake: receives the hello and
    /// answers with a welcome listing the client and <paramref name="others"/>.
    /// </summary>
    public Task<(ChatClient Client, FakeSession Session)> JoinAsync(
        string userName, ChatClientOptions? options = null, params string[] others) =>
        JoinAsync(userName, hello => FakeSession.WelcomeFor(hello, others), options);

    /// <summary>Joins a client and plays the server's side of the handshake: receives the hello and answers with <paramref name="welcome"/>'s welcome.</summary>
    public async Task<(ChatClient Client, FakeSession Session)> JoinAsync(
        string userName, Func<Hello, Welcome> welcome, ChatClientOptions? options = null)
    {
        var joining = ConnectClientAsync(userName, options);
        var session = await WelcomeNextAsync(welcome);
        return (await joining.WithTimeout(), session);
    }

    public async ValueTask DisposeAsync()
    {
        FakeSession[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
        }

        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }

        Task<ChatClient>[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
        }

        foreach (var joining in clients)
        {
            if (joining.IsCompletedSuccessfully)
            {
                await joining.Result.DisposeAsync().WithTimeout();
            }
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync().WithTimeout();
        }

        // Server ends of in-memory clients that were never accepted.
        _memoryServerEnds.Writer.TryComplete();
        while (_memoryServerEnds.Reader.TryRead(out var unaccepted))
        {
            unaccepted.Abort("test over");
            await unaccepted.DisposeAsync().WithTimeout();
        }
    }
}
