using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// One room of the server: who is in it, its topic, the lines said in it (its <see cref="IRoomLog"/>),
/// and the order in which its members learn about all of it.
/// </summary>
/// <remarks>
/// <para>
/// Everything that reaches more than one member of the room passes through here under the room's
/// own lock: the room appends each line to its log (which gives it its id and timestamp), encodes
/// it once, and hands the same bytes to the <see cref="IRoomBroadcaster"/>, which queues them for
/// every member without waiting. So all members receive all of the room's messages in the same
/// order, a slow member never holds the room up, and rooms never wait for one another.
/// </para>
/// <para>
/// Joins and departures are gathered for <see cref="ChatServerOptions.PresenceInterval"/> (longer
/// in a large room) and announced as one <see cref="UsersJoined"/> or <see cref="UsersLeft"/> (see
/// Room.Presence.cs). Appends that complete later than they start are published in the order they
/// were started (Room.Log.cs). Topics, renames and away notices are in Room.Changes.cs.
/// </para>
/// <para>
/// Membership is the room's; names are the server's (<see cref="UserDirectory"/>): the room never
/// refuses a name, and a member's name changes only through <see cref="Rename"/>.
/// </para>
/// </remarks>
internal sealed partial class Room : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IRoomMember> _members = new(UserNameRules.Comparer);
    private readonly IRoomBroadcaster _broadcaster;
    private readonly IRoomLog _log;
    private readonly TimeProvider _time;
    private readonly int _historyLength;
    private readonly int _maxMembers;
    private readonly int _maxSentFrameLength;
    private bool _closed;

    /// <summary>Creates an empty, open room.</summary>
    /// <param name="name">The room's name as first written (it follows <see cref="RoomNameRules"/>).</param>
    /// <param name="kind">Who created it, which decides whether it vanishes when empty.</param>
    /// <param name="log">The room's lines and its topic as kept (the room starts with it); the room owns it.</param>
    /// <param name="options">The limits (members, history, presence batching) and the clock.</param>
    /// <param name="broadcaster">Carries the room's messages to its members.</param>
    public Room(string name, RoomKind kind, IRoomLog log, ChatServerOptions options, IRoomBroadcaster broadcaster)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(broadcaster);
        Name = name;
        Kind = kind;
        _log = log;
        _topic = log.Topic.Text;
        _broadcaster = broadcaster;
        _time = options.TimeProvider;
        _historyLength = options.HistoryLength;
        _maxMembers = options.EffectiveMaxRoomMembers;
        _maxSentFrameLength = options.MaxSentFrameLength;
        _presenceInterval = options.PresenceInterval;
        _maxPresenceBatch = options.MaxPresenceBatch;
        _presenceDeliveriesPerSecond = options.PresenceDeliveriesPerSecond;
        _maxPresenceBytes = options.MaxSentFrameLength - FrameBudget.MessageOverhead;
        _presenceTimer = _time.CreateTimer(
            static state => ((Room)state!).OnPresenceTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The room's name, as first written.</summary>
    public string Name { get; }

    /// <summary>Who created the room.</summary>
    public RoomKind Kind { get; }

    /// <summary>How many members are in the room.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _members.Count;
            }
        }
    }

    /// <summary>The room's topic with who set it and when, as its log keeps it (across restarts, with a durable store).</summary>
    public RoomTopic Topic
    {
        get
        {
            lock (_lock)
            {
                return _log.Topic;
            }
        }
    }

    /// <summary>The room as <see cref="RoomList"/> shows it: name, member count, topic.</summary>
    /// <returns>A snapshot.</returns>
    public RoomInfo Info()
    {
        lock (_lock)
        {
            return new RoomInfo(Name, _members.Count, _topic);
        }
    }

    /// <summary>
    /// Lets a member in, unless the room is full or closed. From now on the member receives every
    /// message of the room; the others learn of the join with the next presence notice, always
    /// before anything the newcomer says. A member already in the room is told its state again.
    /// </summary>
    /// <param name="member">The newcomer, whose name the <see cref="UserDirectory"/> holds.</param>
    /// <param name="greet">
    /// Whether to send the member a <see cref="RoomJoined"/> (queued under the lock, so that it comes
    /// before anything else of the room); the default room's newcomers get their <see cref="Welcome"/> instead.
    /// </param>
    /// <returns>The outcome, and for a member the users present (itself included), the recent lines, the topic and who is away.</returns>
    public JoinResult Join(IRoomMember member, bool greet = false)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (_lock)
        {
            if (_closed)
            {
                return JoinResult.Refused(JoinOutcome.Closed);
            }

            var outcome = JoinOutcome.AlreadyMember;
            if (!IsMember(member))
            {
                if (_members.Count >= _maxMembers)
                {
                    return JoinResult.Refused(JoinOutcome.RoomFull);
                }

                // Departures announced before the newcomer arrives are news only to the others.
                if (_pendingDepartures.Count > 0)
                {
                    FlushPresence();
                }

                _members.Add(member.Name, member);
                _broadcaster.Add(member);
                if (member.AwayText.Length > 0)
                {
                    _away.Add(member);
                }
                if (member.ReceivesPresence)
                {
                    _presenceMembers++;
                }

                outcome = JoinOutcome.Joined;
            }
            else
            {
                // What was pending is in the users listed again: send it first, so nothing repeats.
                FlushPresence();
            }

            var result = Snapshot(member, outcome);
            if (outcome == JoinOutcome.Joined)
            {
                AddJoin(member);
            }

            if (greet)
            {
                _broadcaster.Send(member, EncodedMessage.Encode(Greeting(result)));
            }

            return result;
        }
    }

    /// <summary>
    /// Takes a member out of the room; the others learn of it with the next presence notice,
    /// after everything the member said. Does nothing for someone not in the room.
    /// </summary>
    /// <param name="member">The member leaving.</param>
    /// <param name="reason">Why, for the others.</param>
    /// <param name="text">The goodbye text, kick reason or error; may be empty.</param>
    /// <returns>Whether the member was in the room.</returns>
    public bool Leave(IRoomMember member, LeaveReason reason, string text)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(text);
        lock (_lock)
        {
            if (!IsMember(member))
            {
                return false;
            }

            _members.Remove(member.Name);
            _broadcaster.Remove(member);
            _away.Remove(member);
            if (member.ReceivesPresence)
            {
                _presenceMembers--;
            }

            if (!_closed)
            {
                AddDeparture(new Departure(member.Name, reason) { Text = text });
            }

            return true;
        }
    }

    /// <summary>Posts a line to every member, the author included, through the room's log.</summary>
    /// <param name="author">Who says it; must be in the room.</param>
    /// <param name="text">The text, already checked against <see cref="TextRules"/>.</param>
    /// <param name="kind">A plain line or an action.</param>
    /// <returns>Whether the line was taken (the author is in the open room); it is published when its append completes.</returns>
    public bool Post(IRoomMember author, string text, TextKind kind)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(text);
        lock (_lock)
        {
            if (_closed || !IsMember(author))
            {
                return false;
            }

            FlushPresence();
            Append(new LineDraft(author.Name, text, kind));
            return true;
        }
    }

    /// <summary>Sends a notice from the server to every member.</summary>
    /// <param name="text">The notice.</param>
    /// <returns>The notice as sent, or <see langword="null"/> when the room is closed.</returns>
    public ServerNotice? Announce(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_lock)
        {
            if (_closed)
            {
                return null;
            }

            FlushPresence();
            var notice = new ServerNotice(text, Now()) { Room = Name };
            Emit(EncodedMessage.Encode(notice));
            return notice;
        }
    }

    /// <summary>
    /// Sends the pending presence batch now, for a message that goes around the room (a private
    /// message), so that its recipient knows of the sender before it hears from them.
    /// </summary>
    public void FlushPendingPresence()
    {
        lock (_lock)
        {
            if (!_closed)
            {
                FlushPresence();
            }
        }
    }

    /// <summary>Who is in the room, sorted by name.</summary>
    /// <returns>A snapshot of the names.</returns>
    public IReadOnlyList<string> Users()
    {
        string[] names;
        lock (_lock)
        {
            names = new string[_members.Count];
            _members.Keys.CopyTo(names, 0);
        }

        Array.Sort(names, UserNameRules.Comparer);
        return names;
    }

    /// <summary>
    /// Closes the room: nobody may join any more and departures are no longer announced. For the
    /// server's shutdown (the server sends every connection away), and for a user's room that
    /// vanished when its last member left (<see cref="RoomRegistry"/>).
    /// </summary>
    /// <returns>Whether this call closed the room.</returns>
    public bool Close()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            _closed = true;
            DiscardPresence();
            return true;
        }
    }

    /// <summary>Closes a user's room that has no members left, so that nobody can join it any more.</summary>
    /// <returns>Whether the room was empty and is closed now; an operator's room never is.</returns>
    public bool CloseIfEmpty()
    {
        lock (_lock)
        {
            if (_closed || Kind != RoomKind.User || _members.Count > 0)
            {
                return false;
            }

            _closed = true;
            DiscardPresence();
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await _log.DisposeAsync().ConfigureAwait(false);
        await _presenceTimer.DisposeAsync().ConfigureAwait(false);
    }

    private JoinResult Snapshot(IRoomMember member, JoinOutcome outcome)
    {
        string[] users = [];
        string[] away = [];
        if (member.ReceivesPresence)
        {
            users = new string[_members.Count];
            _members.Keys.CopyTo(users, 0);
            away = AwayNames();
        }

        return new JoinResult(outcome, users, RecentLines(), _members.Count, _topic, away);
    }

    private RoomJoined Greeting(JoinResult joined)
    {
        var budget = _maxSentFrameLength - FrameBudget.RoomJoinedWithoutLists(Name, joined.Topic, joined.Users);
        var (away, recent) = FrameBudget.Fit(budget, joined.AwayUsers, joined.Recent);
        return new RoomJoined(Name, joined.Topic, joined.Users, recent, joined.UserCount) { AwayUsers = away };
    }

    private bool IsMember(IRoomMember member) =>
        _members.TryGetValue(member.Name, out var current) && ReferenceEquals(current, member);

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;
}
