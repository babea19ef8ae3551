using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Chat.Server;

/// <summary>
/// The operator console of a running server on a Unix domain socket (by default
/// <c>console.sock</c> in the data folder), for <c>Chat.Server console</c>: each client gets an
/// <see cref="OperatorConsole"/> of its own, speaking <see cref="ConsoleWire"/>. Only the user the
/// server runs as may use it (and root, who may do anything to the server anyway, and is the one
/// who can reach a systemd <c>DynamicUser</c> service's data folder): the socket file is mode 0600
/// in a folder made 0700, and each client's user id, as the kernel gives it
/// (<see cref="PeerCredentials"/>), must be one of those.
/// </summary>
/// <remarks>
/// Clients never hold the server up: each runs on its own, an idle one costs a socket and
/// nothing else, and disposing cuts them all off after at most <see cref="ReplyTimeout"/> for a
/// reply still going out.
/// </remarks>
internal sealed partial class ConsoleSocketListener : IAsyncDisposable
{
    /// <summary>The most clients attached at once; one more is refused.</summary>
    public const int MaxClients = 32;

    /// <summary>How long a reply may take to go out, and disposal waits for one.</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly HashSet<ConsoleSocketSession> _sessions = [];
    private Task? _accepting;
    private int _disposed;

    private ConsoleSocketListener(Socket socket, string path, uint ownerUid, bool allowsRoot, ILogger logger)
    {
        _socket = socket;
        Path = path;
        OwnerUid = ownerUid;
        AllowsRoot = allowsRoot;
        _logger = logger;
    }

    /// <summary>The socket's full path.</summary>
    public string Path { get; }

    /// <summary>The user id allowed in: the server's own.</summary>
    public uint OwnerUid { get; }

    /// <summary>Whether root (uid 0) is allowed in too.</summary>
    public bool AllowsRoot { get; }

    /// <summary>How many clients are attached now.</summary>
    public int ClientCount
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>
    /// Makes the socket: its folder (mode 0700) when missing, the socket file (mode 0600), in place
    /// of a stale one that nobody answers on. Nothing is accepted until <see cref="Start"/>.
    /// </summary>
    /// <param name="path">Where; relative paths are from the working directory.</param>
    /// <param name="logger">Where it logs.</param>
    /// <param name="ownerUid">The user id allowed in; the process's own (<see cref="PeerCredentials.EffectiveUserId"/>) unless a test says.</param>
    /// <param name="allowRoot">Whether root is allowed in too; only tests say no.</param>
    /// <returns>The listener, bound.</returns>
    /// <exception cref="ConsoleSocketException">Not on Linux, the path is too long, its folder cannot be made, another server answers there, or it is not a socket; in words.</exception>
    public static ConsoleSocketListener Bind(string path, ILogger logger, uint? ownerUid = null, bool allowRoot = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!OperatingSystem.IsLinux())
        {
            // The owner check (SO_PEERCRED) is Linux's.
            throw new ConsoleSocketException("The console socket needs Linux; turn it off with --console-socket none.");
        }

        var full = System.IO.Path.GetFullPath(path);
        var bytes = ConsoleWire.Encoding.GetByteCount(full);
        if (bytes > ConsoleWire.MaxPathBytes)
        {
            throw new ConsoleSocketException(
                $"The console socket's path {full} is {bytes} bytes long, more than the {ConsoleWire.MaxPathBytes} a Unix socket's path may have: give a shorter one with --console-socket (or --data), or turn it off with --console-socket none.");
        }

        var folder = System.IO.Path.GetDirectoryName(full)!;
        try
        {
            DataFolder.Ensure(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConsoleSocketException($"Cannot make the folder {folder} for the console socket: {ex.Message}", ex);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            BindReplacingStale(socket, full, logger);
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            socket.Listen(MaxClients);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new ConsoleSocketException($"Cannot make the console socket {full}: {ex.Message}.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            socket.Dispose();
            throw new ConsoleSocketException($"Cannot make the console socket {full}: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new ConsoleSocketListener(socket, full, ownerUid ?? PeerCredentials.EffectiveUserId, allowRoot, logger);
    }

    /// <summary>Starts taking clients, each with a console of its own on <paramref name="server"/>.</summary>
    /// <param name="server">The server the commands act on.</param>
    /// <exception cref="InvalidOperationException">It was started before.</exception>
    public void Start(ChatServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (Interlocked.CompareExchange(ref _accepting, Task.CompletedTask, null) is not null)
        {
            throw new InvalidOperationException("The console socket can be started only once.");
        }

        _accepting = AcceptLoopAsync(server);
        LogListening(_logger, Path);
    }

    /// <summary>Stops taking clients, cuts off those attached (a reply going out gets <see cref="ReplyTimeout"/>), and removes the socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _socket.Dispose();
        RemoveFile();
        if (_accepting is not null)
        {
            await _accepting;
        }

        ConsoleSocketSession[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions];
        }

        var all = Task.WhenAll(sessions.Select(static session => session.Completion));
        try
        {
            await all.WaitAsync(ReplyTimeout);
        }
        catch (TimeoutException)
        {
            foreach (var session in sessions)
            {
                session.Abort();
            }

            await all;
        }

        _stopping.Dispose();
    }

    /// <summary>Binds, or when the path is taken by a socket nobody answers on (a server that died), replaces it.</summary>
    private static void BindReplacingStale(Socket socket, string path, ILogger logger)
    {
        var endPoint = new UnixDomainSocketEndPoint(path);
        try
        {
            socket.Bind(endPoint);
            return;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Something is there already: look at it.
        }

        if (Directory.Exists(path))
        {
            throw new ConsoleSocketException($"Cannot make the console socket {path}: a folder is in its place.");
        }

        switch (Probe(path))
        {
            case SocketError.ConnectionRefused:
                break;
            case SocketError.AccessDenied:
                throw new ConsoleSocketException($"Another server is using {path}, as another user: its socket is there and this user may not open it.");
            default:
                throw new ConsoleSocketException($"Another server is using {path}: its console answers there. Stop it first, or give this server another --data folder (or --console-socket).");
        }

        // A socket file is empty; a file with something in it is not one, and is not this server's to delete.
        if (new FileInfo(path).Length != 0)
        {
            throw new ConsoleSocketException($"Cannot make the console socket {path}: a file that is not a socket is in its place; move it away, or choose another --console-socket.");
        }

        File.Delete(path);
        LogStaleReplaced(logger, path);
        socket.Bind(endPoint);
    }

    /// <summary>Tries to connect to what is at the path: <see cref="SocketError.ConnectionRefused"/> when nobody listens, <see cref="SocketError.Success"/> when someone does.</summary>
    private static SocketError Probe(string path)
    {
        // Without blocking: a listener whose backlog is full would keep a blocking connect waiting; that is a live server too.
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return SocketError.Success;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode;
        }
    }

    private async Task AcceptLoopAsync(ChatServer server)
    {
        await Task.Yield();
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                LogAcceptFailed(_logger, ex.SocketErrorCode);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            Attach(server, client);
        }
    }

    private void Attach(ChatServer server, Socket client)
    {
        var session = new ConsoleSocketSession(server, client, this, _logger, _stopping.Token);
        bool full;
        lock (_lock)
        {
            full = _sessions.Count >= MaxClients;
            if (!full)
            {
                _sessions.Add(session);
            }
        }

        session.Start(refuseAsFull: full);
    }

    /// <summary>Whether a client of this user id may use the console.</summary>
    /// <param name="uid">The client's user id, from the kernel.</param>
    /// <returns>Whether it is the server's user (or root, when allowed).</returns>
    public bool Allows(uint uid) => uid == OwnerUid || (AllowsRoot && uid == 0);

    /// <summary>A session is over.</summary>
    internal void Detach(ConsoleSocketSession session)
    {
        lock (_lock)
        {
            _sessions.Remove(session);
        }
    }

    private void RemoveFile()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogRemoveFailed(_logger, Path, ex.Message);
        }
    }
}
