using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// The rooms one session is in, in the order it joined them: membership kept apart from the
/// connection, so that leaving a room never closes it and a session may be in no room at all.
/// The session's end leaves every room (<see cref="ClientSession"/>).
/// </summary>
/// <remarks>Changed only by its session's own thread; read by others (the operator's console) under its lock.</remarks>
internal sealed class SessionRooms
{
    private readonly Lock _lock = new();
    private readonly List<Room> _rooms = [];

    /// <summary>How many rooms the session is in.</summary>
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

    /// <summary>Finds a room the session is in by name, in any letter case.</summary>
    /// <param name="name">The room's name.</param>
    /// <returns>The room, or <see langword="null"/> when the session is not in it.</returns>
    public Room? Find(string name)
    {
        name = RoomNameRules.Normalize(name);
        lock (_lock)
        {
            foreach (var room in _rooms)
            {
                if (RoomNameRules.Comparer.Equals(room.Name, name))
                {
                    return room;
                }
            }

            return null;
        }
    }

    /// <summary>Records that the session joined a room.</summary>
    /// <param name="room">The room.</param>
    public void Add(Room room)
    {
        lock (_lock)
        {
            if (!_rooms.Contains(room))
            {
                _rooms.Add(room);
            }
        }
    }

    /// <summary>Records that the session left a room.</summary>
    /// <param name="room">The room.</param>
    /// <returns>Whether the session was in it.</returns>
    public bool Remove(Room room)
    {
        lock (_lock)
        {
            return _rooms.Remove(room);
        }
    }

    /// <summary>The rooms, in the order the session joined them.</summary>
    /// <returns>A snapshot.</returns>
    public Room[] ToArray()
    {
        lock (_lock)
        {
            return [.. _rooms];
        }
    }

    /// <summary>Takes every room out, for the session's end.</summary>
    /// <returns>The rooms the session was in.</returns>
    public Room[] RemoveAll()
    {
        lock (_lock)
        {
            Room[] rooms = [.. _rooms];
            _rooms.Clear();
            return rooms;
        }
    }
}
