using System.Diagnostics.CodeAnalysis;
using System.Net;
using Chat.Protocol;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Logging;

namespace Chat.Server;

/// <summary>
/// One client connection, from its hello to its close: the handshake (ClientSession.Handshake.cs),
/// the read loop (ClientSession.Receive.cs), and the writer that drains the client's bounded
/// queue with one flush per batch (ClientSession.Send.cs).
/// </summary>
/// <remarks>
/// Whatever happens on this connection stays here: every failure ends only this session, is
/// logged once, and every room the user is in is told the user left. The user's rooms are kept
/// apart from the connection (<see cref="SessionRooms"/>): leaving a room never closes it. The first reason decided for the end
/// (<see cref="Disconnect"/>) wins; later ones are ignored.
/// </remarks>
[SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "A session's lifetime is RunAsync, which disposes its token sources when the connection has closed.")]
internal sealed partial class ClientSession : IRoomMember
{
    private readonly IChatConnection _connection;
    private readonly UserDirectory _users;
    private readonly RoomRegistry _registry;
    private readonly SessionRooms _rooms = new();
    private readonly ChatServerOptions _options;
    private readonly ServerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly OutgoingQueue _queue;
    private readonly RateLimiter _rate;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _writerStop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _startedAt;
    private readonly EndPoint? _remote;
    private readonly Action<ClientSession>? _finished;
    private SessionEnd? _end;
    private Task? _writer;
    private long _lastHeard;
    private volatile bool _joined;
    private volatile bool _claimed;
    private volatile string _away = string.Empty;
    private int _version;
    private string _name = string.Empty;
    private volatile bool _pingOutstanding;

    /// <summary>Creates a session for a connection just accepted; <see cref="RunAsync"/> runs it.</summary>
    /// <param name="id">The server's number for the connection.</param>
    /// <param name="connection">The connection; the session owns it.</param>
    /// <param name="users">The server's users, where the session claims its name.</param>
    /// <param name="registry">The server's rooms; the session starts in the default room.</param>
    /// <param name="options">The server's limits and clock.</param>
    /// <param name="metrics">The server's counters.</param>
    /// <param name="logger">Where the session logs.</param>
    /// <param name="finished">Called once the connection is closed, just before <see cref="Completion"/> completes.</param>
    public ClientSession(
        long id,
        IChatConnection connection,
        UserDirectory users,
        RoomRegistry registry,
        ChatServerOptions options,
        ServerMetrics metrics,
        ILogger logger,
        Action<ClientSession>? finished = null)
    {
        _finished = finished;
        Id = id;
        _connection = connection;
        _users = users;
        _registry = registry;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _time = options.TimeProvider;
        _queue = new OutgoingQueue(options.SendQueueLength, options.SendQueueBytes, connection);
        _rate = new RateLimiter(options.MessageRate, options.MessageBurst, _time);
        _startedAt = _lastHeard = _lastActive = _time.GetTimestamp();
        _remote = connection.RemoteEndPoint;
    }

    /// <summary>The server's number for this connection.</summary>
    public long Id { get; }

    /// <summary>The user's name once the hello is accepted; empty before.</summary>
    public string Name
    {
        get => Volatile.Read(ref _name);
        private set => Volatile.Write(ref _name, value);
    }

    /// <inheritdoc />
    public bool ReceivesPresence { get; private set; } = true;

    /// <inheritdoc />
    public bool SpeaksRooms => Volatile.Read(ref _version) >= 2;

    /// <inheritdoc />
    public string AwayText => _away;

    /// <summary>Completes when the session is over: the connection closed and the rooms told.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Why the session ended, once that is decided.</summary>
    public SessionEnd? End => Volatile.Read(ref _end);

    /// <summary>
    /// Runs the session to its end: handshake, read loop, close. Never throws: every failure is
    /// turned into the session's end.
    /// </summary>
    /// <returns>A task that completes when the connection is closed and the room told.</returns>
    public async Task RunAsync()
    {
        try
        {
            if (await HandshakeAsync())
            {
                await ReceiveLoopAsync();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disconnect decided the end.
        }
        catch (ChatProtocolException ex)
        {
            Disconnect(SessionEnd.ProtocolViolation(ex));
        }
        catch (ChatException ex)
        {
            Disconnect(SessionEnd.ConnectionLost(ex));
        }
        catch (Exception ex)
        {
            Disconnect(SessionEnd.InternalError(ex));
        }

        try
        {
            await CloseAsync();
        }
        catch (Exception ex)
        {
            LogCloseFailed(_logger, Describe(), ex);
            _connection.Abort("The server failed while closing the connection.");
        }
        finally
        {
            _finished?.Invoke(this);
            _completion.TrySetResult();
        }
    }

    /// <summary>Cuts the connection off at once, for a shutdown that ran out of time.</summary>
    public void Abort() => _connection.Abort("The server is shutting down.");

    /// <summary>
    /// Decides that the session ends, and why. Returns at once: the session's own task sends the
    /// farewell, tells the room and closes the connection. Only the first call counts.
    /// </summary>
    /// <param name="end">Why the session ends.</param>
    /// <returns>Whether this call decided the end.</returns>
    public bool Disconnect(SessionEnd end)
    {
        ArgumentNullException.ThrowIfNull(end);
        if (Interlocked.CompareExchange(ref _end, end, null) is not null)
        {
            return false;
        }

        if (end.DiscardsQueue || end.Farewell is null)
        {
            _queue.Complete(discardPending: end.DiscardsQueue);
        }
        else
        {
            _queue.Complete(end.Farewell);
        }

        // Wake the read loop from the pool, never inline: callers may hold the room's lock.
        ThreadPool.UnsafeQueueUserWorkItem(static source => Cancel(source), _stopping, preferLocal: false);
        return true;
    }

    /// <inheritdoc />
    public void Deliver(EncodedMessage message)
    {
        var batch = DeliveryBatch.Current;
        switch (_queue.TryEnqueue(message, deferred: batch is not null, out var owed))
        {
            case EnqueueResult.Full:
                Disconnect(SessionEnd.SlowConsumer(_queue.Capacity, _queue.ByteCapacity));
                break;
            case EnqueueResult.Sent:
                _metrics.Delivered(1);
                break;
            case EnqueueResult.Added when owed:
                batch!.Owe(this);
                break;
        }
    }

    /// <summary>
    /// Sends what deliveries in a <see cref="DeliveryBatch"/> queued: on this thread in one write
    /// when the connection takes it now, through the writer otherwise.
    /// </summary>
    internal void SendDeferred()
    {
        var sent = _queue.SendNow();
        if (sent > 0)
        {
            _metrics.Delivered(sent);
        }
    }

    /// <inheritdoc />
    public void Remove(LeaveReason reason, string text, EncodedMessage farewell) =>
        Disconnect(SessionEnd.Removed(reason, text, farewell));

    /// <summary>
    /// Applies the handshake and idle timeouts: called now and then by the server's
    /// <see cref="SessionMonitor"/>.
    /// </summary>
    /// <param name="now">The current timestamp of the server's clock.</param>
    /// <param name="ping">The ping to send a client that has been silent for half the idle timeout.</param>
    public void CheckTimeouts(long now, EncodedMessage ping)
    {
        if (End is not null)
        {
            return;
        }

        if (!_joined)
        {
            if (_time.GetElapsedTime(_startedAt, now) >= _options.HandshakeTimeout)
            {
                Disconnect(SessionEnd.HandshakeTimeout(_options.HandshakeTimeout));
            }

            return;
        }

        var idle = _options.IdleTimeout;
        if (idle == TimeSpan.Zero)
        {
            return;
        }

        var silence = _time.GetElapsedTime(Volatile.Read(ref _lastHeard), now);
        if (silence >= idle)
        {
            Disconnect(SessionEnd.IdleTimeout(idle));
        }
        else if (silence >= idle / 2 && !_pingOutstanding)
        {
            _pingOutstanding = true;
            Deliver(ping);
        }
    }

    /// <summary>Names the client for the log: its user name once known, and its address.</summary>
    /// <returns>Text such as "alice (127.0.0.1:50312)".</returns>
    public string Describe() =>
        Name.Length > 0 ? $"{Name} ({_remote})" : $"connection #{Id} ({_remote})";

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session finished in the meantime.
        }
    }

    private void Heard()
    {
        Volatile.Write(ref _lastHeard, _time.GetTimestamp());
        _pingOutstanding = false;
        _metrics.MessageReceived();
    }
}
