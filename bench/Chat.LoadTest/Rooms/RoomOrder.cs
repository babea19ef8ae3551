namespace Chat.LoadTest.Rooms;

/// <summary>
/// The id of the last line one client received in each of its rooms (the default room and its
/// own), over the whole session, warm-up included: ids count per room (protocol version 2), so
/// each room's next line must carry the previous one's id plus one.
/// </summary>
internal sealed class RoomOrder
{
    /// <summary>The slot of the default room.</summary>
    public const int LobbySlot = 0;

    /// <summary>The slot of the client's own room.</summary>
    public const int RoomSlot = 1;

    private readonly long[] _lastIds = [long.MinValue, long.MinValue];

    /// <summary>The last id seen in <paramref name="slot"/>, or <see cref="long.MinValue"/> before the first line.</summary>
    public long LastId(int slot) => _lastIds[slot];

    /// <summary>
    /// Takes the next line of <paramref name="slot"/>: <see cref="LineVerdict.Ok"/> when its id
    /// follows the previous line's (or it is the first line seen), <see cref="LineVerdict.OutOfOrder"/>
    /// when it is not above it (the last id stays), <see cref="LineVerdict.Gap"/> when ids were skipped.
    /// </summary>
    public LineVerdict Advance(int slot, long id)
    {
        var last = _lastIds[slot];
        if (last != long.MinValue && id <= last)
        {
            return LineVerdict.OutOfOrder;
        }

        _lastIds[slot] = id;
        return last == long.MinValue || id == last + 1 ? LineVerdict.Ok : LineVerdict.Gap;
    }
}
