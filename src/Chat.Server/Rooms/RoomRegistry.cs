using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// The server's rooms by name (<see cref="RoomNameRules.Comparer"/>): created by the operator
/// (they stay; a durable store makes those made while the server ran again at the next start) or
/// by a user joining them (they vanish when their last member leaves; a durable store keeps their
/// lines, ids and topic for when they are made again), within <see cref="ChatServerOptions.MaxRooms"/>.
/// </summary>
/// <remarks>
/// The registry's lock is taken before a room's, never after, and is held only to look a room up,
/// add it or take it out. A join that finds a room that vanished meanwhile (<see cref="JoinOutcome.Closed"/>)
/// opens it again.
/// </remarks>
internal sealed class RoomRegistry : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Room> _rooms = new(RoomNameRules.Comparer);
    private readonly ChatServerOptions _options;
    private readonly IRoomLogStore _store;
    private bool _closed;

    /// <summary>
    /// Creates the registry with the operator's rooms: the default room, every <see cref="ChatServerOptions.Rooms"/>,
    /// and those the operator made while an earlier run ran (<see cref="IRoomLogStore.KeptRooms"/>),
    /// within <see cref="ChatServerOptions.MaxRooms"/>.
    /// </summary>
    /// <param name="options">The limits and the operator's rooms.</param>
    /// <param name="store">Where the rooms' logs live.</param>
    public RoomRegistry(ChatServerOptions options, IRoomLogStore store)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        _options = options;
        _store = store;
        Default = Create(RoomNameRules.Normalize(options.DefaultRoom));
        foreach (var name in options.Rooms)
        {
            if (!_rooms.ContainsKey(RoomNameRules.Normalize(name)))
            {
                Create(RoomNameRules.Normalize(name));
            }
        }

        foreach (var name in store.KeptRooms)
        {
            if (!_rooms.ContainsKey(RoomNameRules.Normalize(name)) && _rooms.Count < options.MaxRooms)
            {
                Create(RoomNameRules.Normalize(name));
            }
        }

        Room Create(string name)
        {
            // At start, before anyone connects: the store opens logs of the operator's rooms now.
            var room = NewRoom(name, RoomKind.Operator, _store.OpenAsync(name).AsTask().GetAwaiter().GetResult());
            _rooms.Add(name, room);
            return room;
        }
    }

    /// <summary>The room every connection is put in at its handshake (<see cref="ChatServerOptions.DefaultRoom"/>).</summary>
    public Room Default { get; }

    /// <summary>The private messages, kept by the same store as the rooms' lines.</summary>
    public IPrivateLog Private => _store.Private;

    /// <summary>Names the store's id space (<see cref="IRoomLogStore.Epoch"/>), sent in every version-2 welcome.</summary>
    public string Epoch => _store.Epoch;

    /// <summary>How many rooms there are.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _rooms.Count;
            }
        }
    }

    /// <summary>Finds a room by name, in any letter case.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The room, or <see langword="null"/> when there is none.</returns>
    public Room? Find(string name)
    {
        lock (_lock)
        {
            return _rooms.GetValueOrDefault(RoomNameRules.Normalize(name));
        }
    }

    /// <summary>
    /// Finds a room, or creates it: for a user unless only the operator creates rooms
    /// (<see cref="ChatServerOptions.OperatorCreatesRooms"/>), and only while the server has fewer
    /// than <see cref="ChatServerOptions.MaxRooms"/>.
    /// </summary>
    /// <param name="name">The room's name, which follows <see cref="RoomNameRules"/>.</param>
    /// <param name="kind">Who would create it; a room the operator creates is kept by the store for the next start (<see cref="IRoomLogStore.KeepAsync"/>).</param>
    /// <param name="cancellationToken">Gives up on opening the room's log.</param>
    /// <returns>The room, or why there is none.</returns>
    public async ValueTask<RoomOpening> OpenAsync(string name, RoomKind kind, CancellationToken cancellationToken = default)
    {
        name = RoomNameRules.Normalize(name);
        if (Refusal(name, kind, out var existing) is { } refused)
        {
            return new RoomOpening(null, refused);
        }

        if (existing is not null)
        {
            return new RoomOpening(existing, null);
        }

        var log = await _store.OpenAsync(name, cancellationToken).ConfigureAwait(false);
        var room = NewRoom(name, kind, log);
        bool added;
        lock (_lock)
        {
            added = !_closed && !_rooms.ContainsKey(name) && _rooms.Count < _options.MaxRooms;
            if (added)
            {
                _rooms.Add(name, room);
            }
        }

        if (added)
        {
            if (kind == RoomKind.Operator)
            {
                await _store.KeepAsync(name, cancellationToken).ConfigureAwait(false);
            }

            return new RoomOpening(room, null);
        }

        // Another join created it meanwhile, or the server filled up or closed: this one is not needed.
        await room.DisposeAsync().ConfigureAwait(false);
        return await OpenAsync(name, kind, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a user's room out when its last member has left, and closes its log (a durable store keeps its lines and topic).</summary>
    /// <param name="room">The room someone just left.</param>
    /// <returns>A task that completes when the room is gone (or stays).</returns>
    public async ValueTask RetireIfEmptyAsync(Room room)
    {
        ArgumentNullException.ThrowIfNull(room);
        ValueTask disposal;
        lock (_lock)
        {
            if (!room.CloseIfEmpty())
            {
                return;
            }

            if (_rooms.TryGetValue(room.Name, out var current) && ReferenceEquals(current, room))
            {
                _rooms.Remove(room.Name);
            }

            // Started under the lock: the log's last id is the store's before the room can be created again.
            disposal = room.DisposeAsync();
        }

        await disposal.ConfigureAwait(false);
    }

    /// <summary>Every room, sorted by name.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<Room> All()
    {
        Room[] rooms;
        lock (_lock)
        {
            rooms = [.. _rooms.Values];
        }

        Array.Sort(rooms, static (a, b) => RoomNameRules.Comparer.Compare(a.Name, b.Name));
        return rooms;
    }

    /// <summary>Closes every room for the server's shutdown: no more joins, no more departures announced.</summary>
    public void CloseAll()
    {
        foreach (var room in CloseRegistry())
        {
            room.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var room in CloseRegistry())
        {
            await room.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Room[] CloseRegistry()
    {
        lock (_lock)
        {
            _closed = true;
            return [.. _rooms.Values];
        }
    }

    private ErrorCode? Refusal(string name, RoomKind kind, out Room? existing)
    {
        lock (_lock)
        {
            if (_rooms.TryGetValue(name, out existing))
            {
                return null;
            }

            if (kind == RoomKind.User && _options.OperatorCreatesRooms)
            {
                return ErrorCode.NotAllowed;
            }

            return _closed || _rooms.Count >= _options.MaxRooms ? ErrorCode.TooManyRooms : null;
        }
    }

    private Room NewRoom(string name, RoomKind kind, IRoomLog log) =>
        new(name, kind, log, _options, new LocalRoomBroadcaster());
}
