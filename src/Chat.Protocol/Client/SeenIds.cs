namespace Chat.Protocol;

/// <summary>
/// The highest line id a <see cref="ChatClient"/> has handed its application in each room
/// (<see cref="TextPosted.Id"/>: live lines, the recent lines of a welcome or a join, history
/// batches of a catch-up), and the highest private message id (<see cref="PrivateMessage.Id"/>).
/// After a reconnect the client asks for what came after them, and drops what it gave already.
/// </summary>
internal sealed class SeenIds
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _rooms = new(RoomNameRules.Comparer);
    private long _private;

    /// <summary>The highest private message id given; 0 for none.</summary>
    public long Private
    {
        get
        {
            lock (_lock)
            {
                return _private;
            }
        }
    }

    /// <summary>The highest id given in <paramref name="room"/>; 0 for none.</summary>
    public long Of(string room)
    {
        lock (_lock)
        {
            return _rooms.GetValueOrDefault(room);
        }
    }

    /// <summary>Remembers that the line <paramref name="id"/> of <paramref name="room"/> was given.</summary>
    /// <returns><see langword="false"/> when a line with this id or a higher one was given already.</returns>
    public bool See(string room, long id)
    {
        lock (_lock)
        {
            if (id <= _rooms.GetValueOrDefault(room))
            {
                return false;
            }

            _rooms[room] = id;
            return true;
        }
    }

    public void SeeAll(string room, IReadOnlyList<TextPosted> lines)
    {
        if (lines.Count > 0)
        {
            See(room, lines.Max(l => l.Id));
        }
    }

    /// <summary>Remembers that the private message <paramref name="id"/> was given.</summary>
    public void SeePrivate(long id)
    {
        lock (_lock)
        {
            _private = Math.Max(_private, id);
        }
    }

    /// <summary>Forgets every id: the server's ids began again (its history epoch changed).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rooms.Clear();
            _private = 0;
        }
    }
}
