namespace Chat.Protocol;

/// <summary>
/// What a <see cref="ChatClient"/> knows of its rooms: which it is in (the default room first,
/// then in the order it joined them), each room's topic and users, who is away, and its own name
/// as renames change it. Updated by the receive loop, one message at a time, before the
/// application sees the message; read from any thread.
/// </summary>
/// <remarks>
/// A room's users start from its <see cref="RoomJoined.Users"/> (the default room's from
/// <see cref="Welcome.Users"/>) and follow that room's <see cref="UsersJoined"/>,
/// <see cref="UsersLeft"/> and <see cref="UserRenamed"/>: the server tells each member of every
/// change exactly once (docs/protocol.md, section 7), so the lists stay exact. Names and rooms
/// are compared without regard to letter case. On a room-scoped line or presence notice an empty
/// room means the default room (what a version-1 server sends); on a <see cref="UserRenamed"/>
/// or <see cref="UserAway"/> it means no room at all.
/// </remarks>
internal sealed class ClientRooms
{
    private readonly Lock _lock = new();
    private readonly bool _trackUsers;
    private readonly List<RoomState> _rooms = [];
    private readonly HashSet<string> _away = new(UserNameRules.Comparer);
    private string _userName;
    private string _defaultRoom;

    /// <summary>Starts from the welcome: the client is in its default room.</summary>
    /// <param name="welcome">The server's welcome.</param>
    /// <param name="trackUsers">Whether to keep each room's users (the options ask for it and presence is on).</param>
    public ClientRooms(Welcome welcome, bool trackUsers)
    {
        _trackUsers = trackUsers;
        _userName = welcome.UserName;
        _defaultRoom = welcome.Room;
        _rooms.Add(new RoomState(welcome.Room, welcome.Topic, Users(welcome.Users)));
        _away.UnionWith(welcome.AwayUsers);
    }

    /// <summary>The room the server put the client in at the handshake; empty from a version-1 server.</summary>
    public string DefaultRoom
    {
        get
        {
            lock (_lock)
            {
                return _defaultRoom;
            }
        }
    }

    /// <summary>
    /// Starts over from a new session's welcome (after a reconnect): the client is in its default
    /// room only, with the users, topic and away users the welcome gives.
    /// </summary>
    /// <returns>
    /// The other rooms the client was in, in the order it joined them: the ones to join again; and
    /// whether it was in its default room (it may have left it, and then leaves it again).
    /// </returns>
    public (IReadOnlyList<string> Others, bool WasInDefault) Restart(Welcome welcome)
    {
        lock (_lock)
        {
            var wasInDefault = Find(_defaultRoom) is not null;
            var others = _rooms
                .Select(r => r.Name)
                .Where(name => name.Length > 0 && !RoomNameRules.Comparer.Equals(name, welcome.Room))
                .ToList();
            _userName = welcome.UserName;
            _defaultRoom = welcome.Room;
            _rooms.Clear();
            _rooms.Add(new RoomState(welcome.Room, welcome.Topic, Users(welcome.Users)));
            _away.Clear();
            _away.UnionWith(welcome.AwayUsers);
            return (others, wasInDefault);
        }
    }

    /// <summary>The client's own name, as the last rename left it.</summary>
    public string UserName
    {
        get
        {
            lock (_lock)
            {
                return _userName;
            }
        }
    }

    /// <summary>The rooms the client is in: the default room first (while it is in it), then in the order it joined them.</summary>
    public IReadOnlyList<string> Rooms
    {
        get
        {
            lock (_lock)
            {
                return [.. _rooms.Select(r => r.Name)];
            }
        }
    }

    /// <summary>Whether the client is in <paramref name="room"/> (an empty string: the default room).</summary>
    public bool IsIn(string room)
    {
        lock (_lock)
        {
            return Find(OrDefault(room)) is not null;
        }
    }

    /// <summary>Whether <paramref name="room"/> names the default room: an empty string does, or its name in any letter case.</summary>
    public bool IsDefault(string room) => room.Length == 0 || RoomNameRules.Comparer.Equals(room, DefaultRoom);

    /// <summary>The users of a room the client is in, sorted by name; empty when it is not in the room or does not track users.</summary>
    public IReadOnlyList<string> UsersIn(string room)
    {
        lock (_lock)
        {
            if (Find(OrDefault(room)) is not { Users: { } users })
            {
                return [];
            }

            var sorted = users.ToArray();
            Array.Sort(sorted, UserNameRules.Comparer);
            return sorted;
        }
    }

    /// <summary>The topic of a room the client is in; empty when it has none or the client is not in it.</summary>
    public string TopicOf(string room)
    {
        lock (_lock)
        {
            return Find(OrDefault(room))?.Topic ?? string.Empty;
        }
    }

    /// <summary>Whether the user is away, as far as the client has heard.</summary>
    public bool IsAway(string user)
    {
        lock (_lock)
        {
            return _away.Contains(user);
        }
    }

    /// <summary>Updates the state for one message from the server.</summary>
    public void Apply(ChatMessage message)
    {
        lock (_lock)
        {
            switch (message)
            {
                case RoomJoined joined:
                    Joined(joined);
                    break;
                case RoomLeft left:
                    if (Find(left.Room) is { } gone)
                    {
                        _rooms.Remove(gone);
                        ForgetAwayOfUsersNotSeen(gone.Users ?? []);
                    }

                    break;
                case UsersJoined arrived:
                    Find(OrDefault(arrived.Room))?.Users?.UnionWith(arrived.UserNames);
                    break;
                case UsersLeft departed when Find(OrDefault(departed.Room)) is { Users: { } users }:
                    foreach (var departure in departed.Departures)
                    {
                        users.Remove(departure.UserName);
                    }

                    ForgetAwayOfUsersNotSeen(departed.Departures.Select(d => d.UserName));
                    break;
                case UserRenamed renamed:
                    Renamed(renamed);
                    break;
                case UserAway away when away.Text.Length == 0:
                    _away.Remove(away.UserName);
                    break;
                case UserAway away:
                    _away.Add(away.UserName);
                    break;
                case TopicChanged topic when Find(topic.Room) is { } room:
                    room.Topic = topic.Topic;
                    break;
            }
        }
    }

    private void Joined(RoomJoined joined)
    {
        // Joining a room the client is already in is answered with its state again: start over from it.
        var state = new RoomState(joined.Room, joined.Topic, Users(joined.Users));
        var index = _rooms.FindIndex(r => RoomNameRules.Comparer.Equals(r.Name, joined.Room));
        if (index >= 0)
        {
            _rooms[index] = state;
        }
        else if (IsDefault(joined.Room))
        {
            _rooms.Insert(0, state);
        }
        else
        {
            _rooms.Add(state);
        }

        // The room's list says who of its users is away, and so who is not.
        _away.ExceptWith(joined.Users);
        _away.UnionWith(joined.AwayUsers);
    }

    private void Renamed(UserRenamed renamed)
    {
        if (Find(renamed.Room) is { Users: { } users } && users.Remove(renamed.OldName))
        {
            users.Add(renamed.NewName);
        }

        if (_away.Remove(renamed.OldName))
        {
            _away.Add(renamed.NewName);
        }

        // One notice comes for each room the user is in; the first renames the client, the others find it renamed.
        if (UserNameRules.Comparer.Equals(renamed.OldName, _userName))
        {
            _userName = renamed.NewName;
        }
    }

    /// <summary>Forgets whether users are away once the client shares no room with them (it would hear no more of it).</summary>
    private void ForgetAwayOfUsersNotSeen(IEnumerable<string> users)
    {
        if (!_trackUsers)
        {
            return;
        }

        foreach (var user in users)
        {
            if (!UserNameRules.Comparer.Equals(user, _userName) && !_rooms.Any(r => r.Users!.Contains(user)))
            {
                _away.Remove(user);
            }
        }
    }

    private HashSet<string>? Users(IEnumerable<string> users) => _trackUsers ? new HashSet<string>(users, UserNameRules.Comparer) : null;

    private string OrDefault(string room) => room.Length == 0 ? _defaultRoom : room;

    private RoomState? Find(string room)
    {
        foreach (var state in _rooms)
        {
            if (RoomNameRules.Comparer.Equals(state.Name, room))
            {
                return state;
            }
        }

        return null;
    }

    private sealed class RoomState(string name, string topic, HashSet<string>? users)
    {
        public string Name { get; } = name;

        public string Topic { get; set; } = topic;

        public HashSet<string>? Users { get; } = users;
    }
}
