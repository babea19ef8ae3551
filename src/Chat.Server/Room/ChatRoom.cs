using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// The one room of a server: who is in it, the numbered lines said in it, and the order in
/// which everyone learns about both.
/// </summary>
/// <remarks>
/// <para>
/// Everything that reaches more than one member passes through here under one lock: the room
/// gives each line its id and timestamp, encodes it once, and hands the same bytes to the
/// <see cref="IRoomBroadcaster"/>, which queues them for every member without waiting. So all
/// members receive all messages in the same order, and a slow member never holds the room up.
/// </para>
/// <para>
/// Joins and departures are gathered for <see cref="ChatServerOptions.PresenceInterval"/> (longer
/// in a large room) and announced as one <see cref="UsersJoined"/> or <see cref="UsersLeft"/> (see
/// ChatRoom.Presence.cs), so that a crowd arriving costs one notice per interval rather than
/// one per person to everyone present.
/// </para>
/// </remarks>
internal sealed partial class ChatRoom : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IRoomMember> _members = new(UserNameRules.Comparer);
    private readonly IRoomBroadcaster _broadcaster;
    private readonly TimeProvider _time;
    private readonly RoomHistory _history;
    private readonly int _maxMembers;
    private long _lastId;
    private bool _closed;

    /// <summary>Creates an empty, open room.</summary>
    /// <param name="options">The limits (members, history, presence batching) and the clock.</param>
    /// <param name="broadcaster">Carries the room's messages to its members.</param>
    public ChatRoom(ChatServerOptions options, IRoomBroadcaster broadcaster)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(broadcaster);
        _broadcaster = broadcaster;
        _time = options.TimeProvider;
        _history = new RoomHistory(options.HistoryLength);
        _maxMembers = options.MaxClients;
        _presenceInterval = options.PresenceInterval;
        _maxPresenceBatch = options.MaxPresenceBatch;
        _presenceDeliveriesPerSecond = options.PresenceDeliveriesPerSecond;
        _maxPresenceBytes = options.MaxSentFrameLength - FrameBudget.MessageOverhead;
        _presenceTimer = _time.CreateTimer(
            static state => ((ChatRoom)state!).OnPresenceTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

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

    /// <summary>
    /// Lets a member in under <see cref="IRoomMember.Name"/>, unless the name is taken (in any
    /// letter case), the room is full, or it is closed. From now on the member receives every
    /// broadcast; the others learn of the join with the next presence notice, always before
    /// anything the newcomer says.
    /// </summary>
    /// <param name="member">The newcomer, whose name already follows <see cref="UserNameRules"/>.</param>
    /// <returns>The outcome, and for a newcomer the users present (itself included) and the recent lines.</returns>
    public JoinResult Join(IRoomMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var name = member.Name;
        lock (_lock)
        {
            if (_closed)
            {
                return JoinResult.Refused(JoinOutcome.Closed);
            }

            if (_members.ContainsKey(name))
            {
                return JoinResult.Refused(JoinOutcome.NameTaken);
            }

            if (_members.Count >= _maxMembers)
            {
                return JoinResult.Refused(JoinOutcome.RoomFull);
            }

            // Departures announced before the newcomer arrives are news only to the others.
            if (_pendingDepartures.Count > 0)
            {
                FlushPresence();
            }

            _members.Add(name, member);
            _broadcaster.Add(member);
            string[] users = [];
            if (member.ReceivesPresence)
            {
                users = new string[_members.Count];
                _members.Keys.CopyTo(users, 0);
                _presenceMembers++;
            }

            var recent = _history.ToArray();
            AddJoin(member);
            return new JoinResult(JoinOutcome.Joined, users, recent, _members.Count);
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

    /// <summary>Posts a line to everyone, the author included.</summary>
    /// <param name="author">Who says it; must be in the room.</param>
    /// <param name="text">The text, already checked against <see cref="TextRules"/>.</param>
    /// <param name="kind">A plain line or an action.</param>
    /// <returns>The line as posted, or <see langword="null"/> when the author is not in the room.</returns>
    public TextPosted? Post(IRoomMember author, string text, TextKind kind)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(text);
        lock (_lock)
        {
            if (_closed || !IsMember(author))
            {
                return null;
            }

            FlushPresence();
            var line = new TextPosted(++_lastId, author.Name, text, Now()) { Kind = kind };
            _history.Add(line);
            _broadcaster.Publish(EncodedMessage.Encode(line));
            return line;
        }
    }

    /// <summary>Delivers a private message to one member and echoes it to the sender.</summary>
    /// <param name="sender">Who sends it; must be in the room.</param>
    /// <param name="recipientName">The recipient's name, in any letter case.</param>
    /// <param name="text">The text, already checked against <see cref="TextRules"/>.</param>
    /// <param name="kind">A plain line or an action.</param>
    /// <returns>Whether it was delivered, or why not.</returns>
    public PrivateResult SendPrivate(IRoomMember sender, string recipientName, string text, TextKind kind)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipientName);
        ArgumentNullException.ThrowIfNull(text);
        lock (_lock)
        {
            if (_closed || !IsMember(sender))
            {
                return PrivateResult.NotInRoom;
            }

            if (!_members.TryGetValue(UserNameRules.Normalize(recipientName), out var recipient))
            {
                return PrivateResult.UnknownUser;
            }

            // The recipient must know the sender is here before it hears from them.
            FlushPresence();
            var message = EncodedMessage.Encode(new PrivateMessage(sender.Name, recipient.Name, text, Now()) { Kind = kind });
            _broadcaster.Send(recipient, message);
            if (!ReferenceEquals(recipient, sender))
            {
                _broadcaster.Send(sender, message);
            }

            return PrivateResult.Delivered;
        }
    }

    /// <summary>Sends a notice from the server to everyone.</summary>
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
            var notice = new ServerNotice(text, Now());
            _broadcaster.Publish(EncodedMessage.Encode(notice));
            return notice;
        }
    }

    /// <summary>
    /// Sends a member away on the operator's word: they receive a fatal
    /// <see cref="ErrorCode.Kicked"/> error, and the others see them leave as kicked.
    /// </summary>
    /// <param name="name">The member's name, in any letter case.</param>
    /// <param name="reason">Why, shown to the member and the others; may be empty.</param>
    /// <returns>The member's name as the room shows it, or <see langword="null"/> when nobody has that name.</returns>
    public string? Kick(string name, string reason)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(reason);
        IRoomMember? member;
        lock (_lock)
        {
            if (!_members.TryGetValue(UserNameRules.Normalize(name), out member))
            {
                return null;
            }
        }

        var text = reason.Length == 0
            ? "You were removed from the room by the operator."
            : $"You were removed from the room by the operator: {reason}";
        member.Remove(LeaveReason.Kicked, reason, EncodedMessage.Encode(new ErrorMessage(ErrorCode.Kicked, text) { Fatal = true }));
        return member.Name;
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
    /// Closes the room for the server's shutdown: nobody may join any more, departures are no
    /// longer announced, and every member is sent away with <paramref name="farewell"/>.
    /// </summary>
    /// <param name="reason">Why, in words.</param>
    /// <param name="farewell">The shutdown notice, encoded once for everyone.</param>
    /// <returns>How many members were sent away.</returns>
    public int Close(string reason, EncodedMessage farewell)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(farewell);
        IRoomMember[] members;
        lock (_lock)
        {
            if (_closed)
            {
                return 0;
            }

            _closed = true;
            DiscardPresence();
            members = [.. _members.Values];
        }

        foreach (var member in members)
        {
            member.Remove(LeaveReason.ServerShutdown, reason, farewell);
        }

        return members.Length;
    }

    public void Dispose() => _presenceTimer.Dispose();

    private bool IsMember(IRoomMember member) =>
        _members.TryGetValue(member.Name, out var current) && ReferenceEquals(current, member);

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;
}
