using System.Net;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.TestUtilities;

/// <summary>
/// A scripted stand-in for a chat server: the test decides, message by message, what it
/// receives and what it answers. Over TCP it listens on 127.0.0.1 with a port of the system's
/// choosing; in memory it hands one end of <see cref="ChatConnection.CreatePair"/> to the client.
/// It owns every session it accepts and every client it started: disposing it aborts the
/// sessions first (as a crashed server would), then disposes the clients, so a test never waits
/// for a graceful close that its script did not play.
/// </summary>
internal sealed class FakeChatServer : IAsyncDisposable
{
    private readonly ChatListener? _listener;
    private ChatConnection? _memoryServerEnd;
    private ChatConnection? _memoryClientEnd;
    private readonly List<FakeSession> _sessions = [];
    private readonly List<Task<ChatClient>> _clients = [];

    private FakeChatServer(TransportKind kind, ChatConnectionOptions options)
    {
        Kind = kind;
        if (kind == TransportKind.Tcp)
        {
            _listener = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0), options);
        }
        else
        {
            (_memoryClientEnd, _memoryServerEnd) = ChatConnection.CreatePair(options);
        }
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
            var end = Interlocked.Exchange(ref _memoryClientEnd, null)
                ?? throw new InvalidOperationException("An in-memory fake server takes one client.");
            joining = ChatClient.JoinAsync(end, userName, options, cancellationToken);
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
        FakeSession session;
        if (_listener is not null)
        {
            session = new FakeSession(await _listener.AcceptAsync().WithTimeout());
        }
        else
        {
            var end = Interlocked.Exchange(ref _memoryServerEnd, null)
                ?? throw new InvalidOperationException("An in-memory fake server takes one client.");
            session = new FakeSession(end);
        }

        lock (_sessions)
        {
            _sessions.Add(session);
        }

        return session;
    }

    /// <summary>
    /// Joins a client and plays the server's side of the handshake: receives the hello and
    /// answers with a welcome listing the client and <paramref name="others"/>.
    /// </summary>
    public async Task<(ChatClient Client, FakeSession Session)> JoinAsync(
        string userName, ChatClientOptions? options = null, params string[] others)
    {
        var joining = ConnectClientAsync(userName, options);
        var session = await AcceptAsync();
        var hello = await session.ReceiveAsync<Hello>();
        await session.SendAsync(FakeSession.WelcomeFor(hello, others));
        return (await joining.WithTimeout(), session);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }

        foreach (var joining in _clients)
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

        if (_memoryClientEnd is not null)
        {
            await _memoryClientEnd.DisposeAsync().WithTimeout();
        }

        if (_memoryServerEnd is not null)
        {
            await _memoryServerEnd.DisposeAsync().WithTimeout();
        }
    }
}
