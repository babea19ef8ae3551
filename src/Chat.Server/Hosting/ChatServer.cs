using System.Collections.Concurrent;
using System.Net;
using Chat.Protocol;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Server;

/// <summary>
/// A ChatRoom server: listens for TCP connections, runs a <see cref="ClientSession"/> for each,
/// keeps the users' names in one <see cref="UserDirectory"/> and the rooms in one
/// <see cref="RoomRegistry"/>, every user starting in the default room. Hosted by the command
/// line program, and in-process by tests.
/// </summary>
/// <example>
/// <code>
/// await using var server = new ChatServer(ChatServerOptions.Default with { Port = 0 });
/// var endPoint = server.Start();
/// // ... clients connect to endPoint ...
/// await server.StopAsync("Maintenance.");
/// </code>
/// </example>
internal sealed partial class ChatServer : IAsyncDisposable
{
    /// <summary>What clients are told when the server stops without a reason of its own.</summary>
    public const string DefaultShutdownText = "The server is shutting down.";

    private readonly ChatServerOptions _options;
    private readonly ILogger _logger;
    private readonly ILogger _sessionLogger;
    private readonly ConcurrentDictionary<long, ClientSession> _sessions = new();
    private int _sessionCount; // _sessions.Count without taking all of the dictionary's locks, as every accept asks
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _stateLock = new();
    private ChatListener? _listener;
    private Task? _accepting;
    private SessionMonitor? _monitor;
    private Task? _stopTask;
    private readonly IRoomLogStore _logStore;
    private long _lastSessionId;
    private int _stopRequested;

    /// <summary>Creates a server; nothing listens until <see cref="Start"/>.</summary>
    /// <param name="options">The settings; checked here.</param>
    /// <param name="loggerFactory">Where logs go; none when omitted.</param>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public ChatServer(ChatServerOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        loggerFactory ??= NullLoggerFactory.Instance;
        LoggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ChatServer>();
        _sessionLogger = loggerFactory.CreateLogger<ClientSession>();
        Metrics = new ServerMetrics();
        Users = new UserDirectory(options.MaxClients, options.TimeProvider);
        _logStore = options.HistoryStore == HistoryStoreKind.Sqlite
            ? new SqliteRoomLogStore(options.DataFolder, options.HistoryLength, options.TimeProvider, retention: options.SqliteRetention, logger: loggerFactory.CreateLogger<SqliteRoomLogStore>())
            : new InMemoryRoomLogStore(options.MemoryLinesPerRoom, options.TimeProvider);
        Rooms = new RoomRegistry(options, _logStore);
        Admission = new ConnectionAdmission(options, new AccessSummary(options, _logger));
        CreateModeration(options);
    }

    /// <summary>The settings.</summary>
    public ChatServerOptions Options => _options;

    /// <summary>Where the server's logs go; what works on the server (the operator console) logs there too.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The users on the server, by name.</summary>
    public UserDirectory Users { get; }

    /// <summary>The rooms.</summary>
    public RoomRegistry Rooms { get; }

    /// <summary>The room every user starts in.</summary>
    public Room DefaultRoom => Rooms.Default;

    /// <summary>The server's counters.</summary>
    public ServerMetrics Metrics { get; }

    /// <summary>The address and port listened on, once started.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>When the server started listening (by its clock); <see langword="null"/> before.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>How many connections are open, including those still saying hello.</summary>
    public int ConnectionCount => Volatile.Read(ref _sessionCount);

    /// <summary>
    /// Raised once, by the first <see cref="StopAsync"/> (the console's <c>close</c>, a signal, a
    /// dispose), on its caller's thread, before anything stops: the host tells the service manager.
    /// </summary>
    public event EventHandler? Stopping;

    /// <summary>Completes when the server has stopped.</summary>
    public Task Completion => _stopped.Task;

    /// <summary>Starts listening and accepting clients.</summary>
    /// <returns>The address and port listened on; with port 0, the port the system chose.</returns>
    /// <exception cref="ChatException">The address cannot be listened on (in use, not permitted, not this machine's), or the TLS certificate cannot be loaded, in words.</exception>
    /// <exception cref="InvalidOperationException">The server was started before.</exception>
    public IPEndPoint Start()
    {
        lock (_stateLock)
        {
            if (_listener is not null || _stopTask is not null)
            {
                throw new InvalidOperationException("The server can be started only once.");
            }

            LoadModeration();
            StartMetrics();
            _listener = Listen(new IPEndPoint(_options.Address, _options.Port));
            StartedAt = _options.TimeProvider.GetUtcNow();
            LocalEndPoint = _listener.LocalEndPoint;
            _monitor = new SessionMonitor(() => _sessions.Select(static pair => pair.Value), _options);
            StartAccessTimer();
            _accepting = AcceptLoopAsync(_listener);
        }

        LogListening(_logger, LocalEndPoint, _options.MaxClients);
        if (_logStore is SqliteRoomLogStore sqlite)
        {
            LogHistoryInFile(_logger, sqlite.DatabasePath);
        }
        else
        {
            LogHistoryInMemory(_logger, _options.MemoryLinesPerRoom);
        }

        return LocalEndPoint;
    }

    /// <summary>
    /// Stops the server: no new clients, every client is sent <see cref="ServerShutdown"/> and
    /// its connection closed, within <see cref="ChatServerOptions.ShutdownTimeout"/> (after which
    /// the rest are cut off). Calling it again waits for the same stop.
    /// </summary>
    /// <param name="reason">Why, as the clients are told.</param>
    /// <returns>A task that completes when every connection is closed.</returns>
    public Task StopAsync(string reason = DefaultShutdownText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Interlocked.Exchange(ref _stopRequested, 1) == 0)
        {
            Stopping?.Invoke(this, EventArgs.Empty);
        }

        lock (_stateLock)
        {
            return _stopTask ??= Task.Run(() => StopCoreAsync(reason));
        }
    }

    /// <summary>Sends a notice from the operator to everyone on the server (<see cref="ServerNotice.Room"/> empty).</summary>
    /// <param name="text">The notice.</param>
    /// <returns>How many users it went to.</returns>
    public int Say(string text)
    {
        return Users.Announce(text);
    }

    /// <summary>Sets a room's topic on the operator's word, creating the room (an operator's room, which stays) when there is none.</summary>
    /// <param name="name">The room's name, which follows <see cref="RoomNameRules"/>.</param>
    /// <param name="topic">The topic, already checked; empty clears it.</param>
    /// <returns>The room, or why there is none (<see cref="ErrorCode.TooManyRooms"/>).</returns>
    public async Task<RoomOpening> SetTopicAsync(string name, string topic)
    {
        var opening = await Rooms.OpenAsync(name, RoomKind.Operator);
        opening.Room?.SetTopic(null, topic);

        return opening;
    }

    /// <summary>Sends a user away on the operator's word: a fatal <see cref="ErrorCode.Kicked"/> error, and every room the user is in sees it leave as kicked.</summary>
    /// <param name="name">The user's name, in any letter case.</param>
    /// <param name="reason">Why, shown to the user and the others; may be empty.</param>
    /// <returns>The user's name as the server shows it, or <see langword="null"/> when nobody has that name.</returns>
    public string? Kick(string name, string reason)
    {
        if (Users.Find(name) is not { } user)
        {
            return null;
        }

        var text = reason.Length == 0
            ? "You were removed from the server by the operator."
            : $"You were removed from the server by the operator: {reason}";
        user.Remove(LeaveReason.Kicked, reason, EncodedMessage.Encode(new ErrorMessage(ErrorCode.Kicked, text) { Fatal = true }));
        return user.Name;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Metrics.Dispose();
        Passwords.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(ChatListener listener)
    {
        await Task.Yield();
        var maxConnections = _options.MaxClients + _options.ConnectionsBeyondRoom;
        while (!_stopping.IsCancellationRequested)
        {
            ChatConnection connection;
            try
            {
                connection = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                // Out of file descriptors, or the like: the listener stays usable; pause a little.
                LogAcceptFailed(_logger, ex.SocketErrorCode, ex);
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

            if (Admit(connection, maxConnections) is { } ticket)
            {
                StartSession(connection, ticket);
            }
        }
    }

    private void StartSession(ChatConnection connection, AdmissionTicket ticket)
    {
        var session = new ClientSession(
            Interlocked.Increment(ref _lastSessionId),
            connection,
            Users,
            Rooms,
            _options,
            Metrics,
            _sessionLogger,
            finished: SessionFinished)
        {
            Admission = ticket,
            Moderation = SessionModeration,
        };
        ticket.Session = session;
        Metrics.ConnectionOpened();
        _sessions[session.Id] = session;
        Interlocked.Increment(ref _sessionCount);
        ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.RunAsync(), session, preferLocal: false);
    }

    private async Task StopCoreAsync(string reason)
    {
        if (_listener is null)
        {
            // Never started (or failed to): nothing to tell anyone.
            await StopMetricsAsync();
            await Rooms.DisposeAsync();
            await CloseLogStoreAsync();
            _stopped.TrySetResult();
            return;
        }

        LogStopping(_logger, reason, _sessions.Count);
        await _stopping.CancelAsync();
        await _listener.DisposeAsync();

        if (_accepting is not null)
        {
            await _accepting;
        }

        // The rooms announce no departures from now on; every connection, in rooms or not, is told.
        var farewell = EncodedMessage.Encode(new ServerShutdown(reason));
        Rooms.CloseAll();
        foreach (var session in _sessions.Values)
        {
            session.Disconnect(SessionEnd.Removed(LeaveReason.ServerShutdown, reason, farewell));
        }

        await WaitForSessionsAsync();
        if (_monitor is not null)
        {
            await _monitor.DisposeAsync();
        }

        StopAccessTimer();
        await StopMetricsAsync();

        await Rooms.DisposeAsync();
        await CloseLogStoreAsync();
        LogStopped(_logger);
        _stopped.TrySetResult();
    }

    /// <summary>Closes the history file, once every room's pending lines are stored.</summary>
    private async Task CloseLogStoreAsync()
    {
        if (_logStore is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private async Task WaitForSessionsAsync()
    {
        var sessions = _sessions.Values.ToArray();
        var all = Task.WhenAll(sessions.Select(static session => session.Completion));
        try
        {
            await all.WaitAsync(_options.ShutdownTimeout);
            return;
        }
        catch (TimeoutException)
        {
            var left = sessions.Count(static session => !session.Completion.IsCompleted);
            LogShutdownTimedOut(_logger, left, _options.ShutdownTimeout.TotalSeconds);
        }

        foreach (var session in sessions)
        {
            session.Abort();
        }

        try
        {
            // Aborted connections close at once; this only guards against a session that hangs anyway.
            await all.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            LogSessionsAbandoned(_logger, sessions.Count(static session => !session.Completion.IsCompleted));
        }
    }
}
