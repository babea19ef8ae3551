using Chat.LoadTest.Clients;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.LoadTest.Rooms;

/// <summary>
/// One simulated user of the rooms scenario, on the connection-level API: a
/// <see cref="ChatConnection"/> that says hello in protocol version 2, joins one room besides the
/// default room, and one read loop that checks and measures every line it receives
/// (<see cref="RoomLineChecker"/>) and keeps the users of its two rooms.
/// </summary>
internal sealed partial class RoomClient : IAsyncDisposable
{
    /// <summary>The protocol version the rooms scenario speaks (rooms need version 2).</summary>
    public const int ProtocolVersion = 2;

    private readonly ChatConnection _connection;
    private readonly RoomLayout _layout;
    private readonly RoomOrder _order = new();
    private readonly RoomProblems _roomProblems;
    private readonly RunProblems _problems;
    private readonly PresenceSet? _lobbyUsers; // null when the client declined presence
    private readonly PresenceSet? _roomUsers;
    private readonly PresenceGoal _presenceGoal;
    private readonly TaskCompletionSource<RoomJoined> _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile RoomPhase? _phase;
    private volatile RoomLineChecker? _checker;
    private int _lobbyPresence;
    private int _roomPresence;
    private int _presenceReached;

    private RoomClient(
        int index, ChatConnection connection, Welcome welcome, RoomLayout layout, bool hearsPresence,
        PresenceGoal presenceGoal, RoomProblems roomProblems, RunProblems problems)
    {
        Index = index;
        _connection = connection;
        Welcome = welcome;
        _layout = layout;
        Room = layout.RoomOf(index);
        _presenceGoal = presenceGoal;
        _roomProblems = roomProblems;
        _problems = problems;
        if (hearsPresence)
        {
            _lobbyUsers = new PresenceSet(layout.Tag, layout.Clients);
            _roomUsers = new PresenceSet(layout.Tag, layout.Clients);
            foreach (var name in welcome.Users)
            {
                _lobbyUsers.Add(name);
            }

            _lobbyPresence = _lobbyUsers.Count;
        }

        Reading = Task.Run(ReadAsync);
    }

    public int Index { get; }

    /// <summary>The room (number) this client joins besides the default room.</summary>
    public int Room { get; }

    public Welcome Welcome { get; }

    /// <summary>The default room's name, as the welcome gave it.</summary>
    public string DefaultRoom => Welcome.Room;

    /// <summary>Whether the client receives presence (and must see every user of its two rooms).</summary>
    public bool HearsPresence => _lobbyUsers is not null;

    /// <summary>The users this client sees in the default room.</summary>
    public int LobbyPresence => Volatile.Read(ref _lobbyPresence);

    /// <summary>The users this client sees in its own room.</summary>
    public int RoomPresence => Volatile.Read(ref _roomPresence);

    /// <summary>The checker of the current phase; <see langword="null"/> before the first.</summary>
    public RoomLineChecker? Checker => _checker;

    /// <summary>The read loop; completes when the session ends.</summary>
    public Task Reading { get; }

    /// <summary>
    /// Connects client <paramref name="index"/> of <paramref name="layout"/> and says hello in protocol
    /// version 2, explicitly (<see cref="ProtocolInfo.Version"/> says what <see cref="ChatClient"/> speaks).
    /// Throws <see cref="ChatException"/> when the server refuses, or answers in version 1.
    /// </summary>
    public static async Task<RoomClient> ConnectAsync(
        RoomClientSettings settings, RoomLayout layout, int index, bool hearsPresence, PresenceGoal presenceGoal,
        RoomProblems roomProblems, RunProblems problems, CancellationToken cancellationToken)
    {
        var connection = await ChatConnection.ConnectAsync(settings.Host, settings.Port, settings.Connection, cancellationToken);
        try
        {
            var hello = new Hello(ProtocolVersion, ClientFleet.UserName(layout.Tag, index), settings.ClientName, settings.ClientVersion)
            {
                OmitPresence = !hearsPresence,
            };
            await connection.SendAsync(hello, cancellationToken);
            var welcome = await ReceiveWelcomeAsync(connection, cancellationToken);
            if (welcome.ProtocolVersion < ProtocolVersion)
            {
                throw new ChatProtocolException(
                    $"The server answered in protocol version {welcome.ProtocolVersion}; the rooms scenario needs a server that speaks version {ProtocolVersion}.");
            }

            return new RoomClient(index, connection, welcome, layout, hearsPresence, presenceGoal, roomProblems, problems);
        }
        catch
        {
            connection.Abort("Joining failed.");
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Joins the client's room and waits for the server's <see cref="RoomJoined"/>; throws <see cref="ChatException"/> on a refusal.</summary>
    public async Task<RoomJoined> JoinRoomAsync(CancellationToken cancellationToken)
    {
        await _connection.SendAsync(new JoinRoom(_layout.NameOf(Room)), cancellationToken);
        return await _joined.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Checks and measures <paramref name="phase"/>'s lines from now on. Switch only while none of
    /// the new phase's lines are in flight; the rooms' order carries over.
    /// </summary>
    public void Use(RoomPhase phase)
    {
        _checker = new RoomLineChecker(phase.Plan, Room, _order, phase.Ids);
        _phase = phase;
    }

    /// <summary>Posts <paramref name="text"/> to <paramref name="room"/> (the default room for an empty name).</summary>
    public ValueTask SendAsync(string room, string text, CancellationToken cancellationToken) =>
        _connection.SendAsync(new SendText(text) { Room = room }, cancellationToken);

    /// <summary>Whether this client's user lists hold exactly its room's members and <paramref name="lobbyTarget"/> users in the default room.</summary>
    public bool SeesEveryone(int lobbyTarget)
    {
        if (_roomUsers is null)
        {
            return true;
        }

        lock (_roomUsers)
        {
            for (var member = 0; member < _layout.RoomSize; member++)
            {
                if (!_roomUsers.Contains(ClientFleet.UserName(_layout.Tag, _layout.MemberOf(Room, member))))
                {
                    return false;
                }
            }

            return _roomUsers.Count == _layout.RoomSize && LobbyPresence == lobbyTarget;
        }
    }

    /// <summary>Counts this client towards the presence goal if it already sees everyone.</summary>
    public void CheckPresence()
    {
        if (_lobbyUsers is null)
        {
            return;
        }

        var target = _presenceGoal.Target;
        if (target > 0 && LobbyPresence == target && RoomPresence == _layout.RoomSize
            && Interlocked.Exchange(ref _presenceReached, 1) == 0)
        {
            _presenceGoal.Complete.Signal();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await Reading;
    }

    private static async Task<Welcome> ReceiveWelcomeAsync(ChatConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (await connection.ReceiveAsync(cancellationToken))
            {
                case Welcome welcome:
                    return welcome;
                case Ping ping:
                    await connection.SendAsync(new Pong(ping.Token), cancellationToken);
                    break;
                case Rejected rejected:
                    throw new ChatRejectedException(rejected.Reason, rejected.Text);
                case ErrorMessage error:
                    throw new ChatException($"The server refused the connection: {error.Text}");
                case null:
                    throw new ChatConnectionLostException("The server closed the connection before its welcome.");
                case var other:
                    throw new ChatProtocolException($"The server sent {other.GetType().Name} before its welcome.");
            }
        }
    }
}
