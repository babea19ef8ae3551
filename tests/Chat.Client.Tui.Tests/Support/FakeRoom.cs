using System.Collections.Concurrent;
using Chat.Client.Tui.Connection;
using Chat.Protocol;

namespace Chat.Client.Tui.Tests.Support;

/// <summary>
/// The view models' way into a scripted server: a connector whose clients are real
/// <see cref="ChatClient"/>s, each joined over a new in-memory connection to a
/// <see cref="FakeChatServer"/>. The test plays the server: it welcomes or refuses each
/// client, sends what the room would, and awaits what the client sent. An attempt to connect
/// can also be made to fail before it reaches the server, as a refused connection does.
/// </summary>
internal sealed class FakeRoom : IChatConnector, IAsyncDisposable
{
    /// <summary>No keep-alive pings in a test's lifetime: what the server receives is only what the view model sent.</summary>
    private static readonly ChatClientOptions QuietOptions = ChatClientOptions.Default with
    {
        KeepAliveInterval = TimeSpan.FromHours(1),
        ServerTimeout = TimeSpan.FromHours(2),
    };

    private readonly FakeChatServer _server;
    private readonly ChatClientOptions _options;
    private readonly ConcurrentQueue<Exception> _failures = new();
    private int _attempts;

    /// <summary>A scripted server over an in-memory connection: its clients cannot reconnect by themselves.</summary>
    public FakeRoom()
        : this(TransportKind.Memory, null, null)
    {
    }

    /// <summary>
    /// A scripted server over <paramref name="kind"/>; with <paramref name="reconnect"/>, over TCP,
    /// its clients reconnect by themselves (<see cref="ChatClientOptions.Reconnect"/>), waiting on <paramref name="time"/>.
    /// </summary>
    public FakeRoom(TransportKind kind, ReconnectBackoff? reconnect, TimeProvider? time)
    {
        _server = FakeChatServer.Start(kind);
        _options = QuietOptions with { Reconnect = reconnect, TimeProvider = time ?? TimeProvider.System };
    }

    public string Endpoint => "127.0.0.1:5000";

    public string Password { get; set; } = string.Empty;

    public string NamePassword { get; set; } = string.Empty;

    /// <summary>How many times a view model asked to connect (the first join of <see cref="JoinAsync"/> not counted).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>A welcome from "TestServer", a version-1 server (one room, no rooms' names), with a two-line message of the day, as the tests expect.</summary>
    public static Welcome WelcomeFor(Hello hello, IReadOnlyList<string>? users = null, IReadOnlyList<TextPosted>? recent = null, int maxTextLength = 100) =>
        new(1, hello.UserName, "TestServer", users ?? [hello.UserName], "Be nice.\nNo spam.", recent ?? [], maxTextLength, 32 * 1024);

    /// <summary>A welcome that puts the client in <paramref name="room"/> (the default room) with a topic, as a server with rooms does.</summary>
    public static Welcome RoomWelcomeFor(Hello hello, string room, IReadOnlyList<string> users, string topic = "", IReadOnlyList<TextPosted>? recent = null) =>
        WelcomeFor(hello, users, recent) with { ProtocolVersion = RoomsVersion, Room = room, Topic = topic };

    /// <summary>The protocol version that has rooms.</summary>
    public const int RoomsVersion = 2;

    /// <summary>Makes the next attempt to connect fail with <paramref name="failure"/>, without reaching the server.</summary>
    public void FailNext(Exception failure) => _failures.Enqueue(failure);

    public Task<ChatClient> ConnectAsync(string userName, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _attempts);
        return _failures.TryDequeue(out var failure)
            ? Task.FromException<ChatClient>(failure)
            : _server.ConnectClientAsync(userName, _options with { Password = Password, NamePassword = NamePassword }, cancellationToken);
    }

    /// <summary>Joins a client, as the login does before the room is shown, and welcomes it with <paramref name="welcome"/>.</summary>
    public async Task<(ChatClient Client, FakeSession Session)> JoinAsync(string userName, Func<Hello, Welcome> welcome)
    {
        var joining = _server.ConnectClientAsync(userName, _options);
        var session = await _server.WelcomeNextAsync(welcome);
        return (await joining.WithTimeout(), session);
    }

    /// <summary>Accepts the next connection (a login or a reconnect) without playing its handshake.</summary>
    public Task<FakeSession> AcceptAsync() => _server.AcceptAsync();

    /// <summary>Plays the server's side of the next connection's handshake (a login or a reconnect).</summary>
    public Task<FakeSession> WelcomeNextAsync(Func<Hello, Welcome>? welcome = null) =>
        _server.WelcomeNextAsync(welcome ?? (hello => WelcomeFor(hello)));

    /// <summary>Accepts the next connection and refuses its hello, as a server does.</summary>
    public async Task RejectNextAsync(RejectReason reason, string text)
    {
        var session = await _server.AcceptAsync();
        await session.ReceiveAsync<Hello>();
        await session.CloseAsync(new Rejected(reason, text));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
