using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;

namespace Chat.Protocol;

/// <summary>
/// A member of a chat server's rooms: connects, says hello, keeps the connection alive, tracks
/// the rooms it is in and who is present in each, and hands every incoming message to the
/// application in order.
/// </summary>
/// <remarks>
/// An application written for one room keeps working: <see cref="SendAsync"/> speaks in the
/// default room (<see cref="DefaultRoom"/>) and <see cref="Users"/> lists its users. With a server
/// that speaks protocol version 2 (<see cref="SupportsRooms"/>), the client also joins and leaves
/// rooms (<see cref="JoinRoomAsync"/>, <see cref="LeaveRoomAsync"/>), speaks in them
/// (<see cref="SendToRoomAsync"/>), and tracks their users and topics (<see cref="UsersIn"/>,
/// <see cref="TopicOf"/>); every message of a room names it. With a server that keeps history
/// (<see cref="SupportsHistory"/>), it reads a room's earlier lines and searches them
/// (<see cref="GetHistoryAsync"/>, <see cref="SearchAsync"/>). Told to
/// (<see cref="ChatClientOptions.Reconnect"/>), it outlives its sessions: it joins again after a
/// loss, rejoins its rooms and hands the application what they said meanwhile.
/// </remarks>
/// <example>
/// <code>
/// await using var client = await ChatClient.ConnectAsync("127.0.0.1", 5000, "alice");
/// await client.SendAsync("hello, room");
/// await foreach (var message in client.ReadMessagesAsync())
/// {
///     if (message is TextPosted posted) Console.WriteLine($"&lt;{posted.Author}&gt; {posted.Text}");
/// }
/// </code>
/// </example>
public sealed partial class ChatClient : IAsyncDisposable
{
    private readonly ChatClientOptions _options;
    private readonly ServerAddress? _address;
    private readonly Channel<ChatMessage> _incoming;
    private readonly ClientRooms _rooms;
    private readonly SeenIds? _seen;
    private readonly PendingRequests _requests = new();
    private readonly ConcurrentDictionary<long, PendingPing> _pings = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _running;
    private volatile Session? _session;
    private volatile Welcome _welcome;
    private volatile string _reconnectingBecause = string.Empty;
    private long _nextPingToken;
    private volatile bool _leaveRequested;
    private TaskCompletionSource? _leaving;

    private ChatClient(IChatConnection connection, Welcome welcome, ChatClientOptions options, ServerAddress? address)
    {
        _options = options;
        _address = address;
        _welcome = welcome;
        _rooms = new ClientRooms(welcome, options.TrackUsers && options.ReceivePresence);
        _incoming = Channel.CreateBounded<ChatMessage>(new BoundedChannelOptions(options.ReceiveQueueCapacity)
        {
            // The receive loop writes; while a new session catches up, so does the catch-up, never at the same time.
            SingleWriter = false,
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        // The ids given to the application matter only to a client that may catch up after reconnecting.
        if (CanReconnect)
        {
            _seen = new SeenIds();
            _seen.SeeAll(welcome.Room, welcome.Recent);
        }

        var session = StartSession(connection, welcome, catchingUp: false);
        _running = RunAsync(session);
    }

    /// <summary>
    /// The server's welcome: the accepted name, the server's name, who was present, recent lines,
    /// limits. After a reconnect (<see cref="ChatClientOptions.Reconnect"/>), the newest session's.
    /// </summary>
    public Welcome Welcome => _welcome;

    /// <summary>
    /// How many users were in the room when this client joined, this user included (from
    /// <see cref="Welcome.UserCount"/>, or the welcome's list from a server that does not send it).
    /// Known also when <see cref="ChatClientOptions.ReceivePresence"/> is off.
    /// </summary>
    public int UsersAtJoin => Welcome.UserCount > 0 ? Welcome.UserCount : Welcome.Users.Count;

    /// <summary>This user's name: the one the server accepted, then the one each rename (<see cref="ChangeNameAsync(string, CancellationToken)"/>) gave it.</summary>
    public string UserName => _rooms.UserName;

    /// <summary>The server's address, when the transport has one (the last session's while reconnecting).</summary>
    public EndPoint? RemoteEndPoint => _lastSession.Connection.RemoteEndPoint;

    /// <summary>
    /// Who is in the default room (<see cref="DefaultRoom"/>) now, this user included, sorted by
    /// name; empty once this client has left it. <see cref="UsersIn"/> lists any room's users.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The client was told not to track users (<see cref="ChatClientOptions.TrackUsers"/>) or not to
    /// receive presence at all (<see cref="ChatClientOptions.ReceivePresence"/>).
    /// </exception>
    public IReadOnlyList<string> Users
    {
        get
        {
            if (!_options.TrackUsers || !_options.ReceivePresence)
            {
                throw new InvalidOperationException(_options.ReceivePresence
                    ? "This client does not keep the list of users: ChatClientOptions.TrackUsers is off."
                    : "This client asked to be left out of presence (ChatClientOptions.ReceivePresence is off), so it does not know who is here.");
            }

            return _rooms.UsersIn(DefaultRoom);
        }
    }

    /// <summary>
    /// Completes when the session is over: successfully when it ended as expected (this client
    /// left, the server shut down, or the server closed the session with a fatal
    /// <see cref="ErrorMessage"/>), or with a <see cref="ChatException"/> when it was lost. A client
    /// that reconnects (<see cref="ChatClientOptions.Reconnect"/>) completes only when it stops for
    /// good: it left, was kicked or banned, or was refused in a way that trying again cannot change
    /// (a <see cref="NotReconnecting"/> in the stream says why).
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// Reads the server's messages as they arrive: <see cref="TextPosted"/>, <see cref="UsersJoined"/>,
    /// <see cref="UsersLeft"/>, <see cref="PrivateMessage"/>, <see cref="ServerNotice"/>,
    /// <see cref="ErrorMessage"/> and <see cref="ServerShutdown"/>; from a server with rooms also
    /// <see cref="RoomJoined"/>, <see cref="RoomLeft"/>, <see cref="RoomList"/>, <see cref="TopicChanged"/>,
    /// <see cref="UserRenamed"/> and <see cref="UserAway"/> (also the answers to this client's own
    /// requests). Pings are answered for you. The answers to <see cref="GetHistoryAsync"/>,
    /// <see cref="GetPrivateHistoryAsync"/> and <see cref="SearchAsync"/> are not here: those calls return them.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Read with one reader at a time. The sequence ends when the session ends as expected, and
    /// throws a <see cref="ChatConnectionLostException"/> or <see cref="ChatProtocolException"/>
    /// when the connection is lost.
    /// </para>
    /// <para>
    /// A client that reconnects (<see cref="ChatClientOptions.Reconnect"/>) goes on across sessions
    /// instead: <see cref="Reconnecting"/> before each wait, <see cref="Reconnected"/> once in again,
    /// then each room rejoined with what it said meanwhile as <see cref="HistoryBatch"/>es (replayed
    /// lines, not new ones), then live messages again; the sequence ends only when the client stops for good.
    /// </para>
    /// </remarks>
    /// <param name="cancellationToken">Stops reading; the session goes on.</param>
    /// <returns>The messages, in the order the server sent them.</returns>
    public IAsyncEnumerable<ChatMessage> ReadMessagesAsync(CancellationToken cancellationToken = default) =>
        _incoming.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Says something in the default room (<see cref="DefaultRoom"/>). Everyone there, this user included, receives it as a <see cref="TextPosted"/>.</summary>
    /// <param name="text">One line of text.</param>
    /// <param name="cancellationToken">Stops waiting for the network.</param>
    /// <returns>A task that completes when the line is sent.</returns>
    /// <exception cref="ChatConnectionLostException">The connection is gone, or the client is reconnecting.</exception>
    public ValueTask SendAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CurrentConnection().SendAsync(new SendText(text), cancellationToken);
    }

    /// <summary>Performs an action in the default room (<see cref="DefaultRoom"/>), shown as "* alice waves".</summary>
    /// <param name="text">The action, without the user's name ("waves").</param>
    /// <param name="cancellationToken">Stops waiting for the network.</param>
    /// <returns>A task that completes when the action is sent.</returns>
    /// <exception cref="ChatConnectionLostException">The connection is gone, or the client is reconnecting.</exception>
    public ValueTask SendActionAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CurrentConnection().SendAsync(new SendText(text) { Kind = TextKind.Action }, cancellationToken);
    }

    /// <summary>
    /// Sends a private message to a user anywhere on the server. The recipient and this user both
    /// receive it as a <see cref="PrivateMessage"/> (this user's copy says whether the recipient is
    /// away, <see cref="PrivateMessage.RecipientAway"/>); an unknown recipient comes back as an <see cref="ErrorMessage"/>.
    /// </summary>
    /// <param name="to">The recipient's user name.</param>
    /// <param name="text">One line of text.</param>
    /// <param name="cancellationToken">Stops waiting for the network.</param>
    /// <returns>A task that completes when the message is sent.</returns>
    /// <exception cref="ChatConnectionLostException">The connection is gone, or the client is reconnecting.</exception>
    public ValueTask SendPrivateAsync(string to, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(text);
        return CurrentConnection().SendAsync(new SendPrivate(to, text), cancellationToken);
    }

    /// <summary>Measures the round trip to the server.</summary>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The time from sending a <see cref="Ping"/> to receiving its <see cref="Pong"/>.</returns>
    /// <exception cref="ChatConnectionLostException">The connection was lost before the answer came.</exception>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var session = CurrentSession();
        var token = Interlocked.Increment(ref _nextPingToken);
        var pending = new PendingPing(_options.TimeProvider.GetTimestamp());
        _pings[token] = pending;
        try
        {
            // The session's end fails every registered ping; one registered after that must fail here.
            Interlocked.MemoryBarrier();
            if (session.EndReason is { } ended)
            {
                throw new ChatConnectionLostException(ended.Message, ended);
            }

            await session.Connection.SendAsync(new Ping(token), cancellationToken).ConfigureAwait(false);
            var answered = await pending.Answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return _options.TimeProvider.GetElapsedTime(pending.SentAt, answered);
        }
        finally
        {
            _pings.TryRemove(token, out _);
        }
    }

    /// <summary>
    /// Leaves the server: says goodbye (the others see <paramref name="text"/>), closes the
    /// connection and ends <see cref="ReadMessagesAsync"/>. To leave one room and stay, see <see cref="LeaveRoomAsync"/>.
    /// </summary>
    /// <param name="text">An optional parting message.</param>
    /// <param name="cancellationToken">Stops waiting for the goodbye to be sent; the connection is closed regardless.</param>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async Task LeaveAsync(string text = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Every caller, DisposeAsync included, waits for the one leave.
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _leaving, mine, null) is { } leaving)
        {
            await leaving.Task.ConfigureAwait(false);
            return;
        }

        try
        {
            await SayGoodbyeAsync(text, cancellationToken).ConfigureAwait(false);
            await ShutdownAsync().ConfigureAwait(false);
        }
        finally
        {
            mine.SetResult();
        }
    }

    /// <summary>Leaves the server without a parting message, if that has not happened yet. Safe to call twice.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync() => await LeaveAsync().ConfigureAwait(false);

    private async Task SayGoodbyeAsync(string text, CancellationToken cancellationToken)
    {
        _leaveRequested = true;
        if (_session is not { EndReason: null } session)
        {
            return; // Gone already, or reconnecting: there is nobody to say goodbye to.
        }

        session.EndExpected = true;
        using var timeout = new CancellationTokenSource(_options.Connection.CloseTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await session.Connection.SendAsync(new Goodbye(text), linked.Token).ConfigureAwait(false);
        }
        catch (ChatException)
        {
            // Gone already: there is nobody to say goodbye to.
        }
        catch (OperationCanceledException)
        {
            // The caller stopped waiting; close anyway.
        }
    }

    private async Task ShutdownAsync()
    {
        if (_session is { } session)
        {
            await session.Connection.DisposeAsync().ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
    }

    private sealed class PendingPing(long sentAt)
    {
        public long SentAt { get; } = sentAt;

        public TaskCompletionSource<long> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
