namespace Chat.LoadTest.Rooms;

/// <summary>
/// Checks every line one client receives in one phase of the rooms scenario: that it comes from
/// a room the client is in (the default room or its own), that a line of the run arrives in the
/// room it was posted to, once, with the id every other member saw, and in the room's order
/// (<see cref="RoomOrder"/>, which outlives the phase). Counts the run's lines received per room
/// kind, for the loss check. One reader at a time (the client's read loop); the counts may be read
/// from other threads.
/// </summary>
internal sealed class RoomLineChecker
{
    private readonly RoomLinePlan _plan;
    private readonly int _ownRoom;
    private readonly RoomOrder _order;
    private readonly LineIds _ids;
    private readonly ulong[] _seen;
    private long _roomLines;
    private long _lobbyLines;

    /// <param name="plan">The phase's lines.</param>
    /// <param name="ownRoom">The room the client joined.</param>
    /// <param name="order">The client's per-room order, carried from phase to phase.</param>
    /// <param name="ids">The ids every receiver of the phase saw.</param>
    public RoomLineChecker(RoomLinePlan plan, int ownRoom, RoomOrder order, LineIds ids)
    {
        _plan = plan;
        _ownRoom = ownRoom;
        _order = order;
        _ids = ids;
        _seen = new ulong[(plan.LinesPerRoom + plan.LobbyLines + 63) / 64];
    }

    /// <summary>The phase's lines of the client's own room received so far (each once).</summary>
    public long RoomLinesReceived => Volatile.Read(ref _roomLines);

    /// <summary>The phase's lines of the default room received so far (each once).</summary>
    public long LobbyLinesReceived => Volatile.Read(ref _lobbyLines);

    /// <summary>Whether every line the client must receive in this phase has arrived.</summary>
    public bool HasAll => RoomLinesReceived == _plan.LinesPerRoom && LobbyLinesReceived == _plan.LobbyLines;

    /// <summary>
    /// Checks one line that arrived in <paramref name="target"/> (from <see cref="RoomLayout.Resolve"/>) with
    /// <paramref name="id"/>; <paramref name="sequence"/> is its number when it is one of the phase's
    /// lines, -1 for any other line (another phase's, a person's).
    /// </summary>
    public LineVerdict Observe(int target, long id, int sequence)
    {
        if (target != RoomLinePlan.Lobby && target != _ownRoom)
        {
            return LineVerdict.NotAMember;
        }

        var order = _order.Advance(target == RoomLinePlan.Lobby ? RoomOrder.LobbySlot : RoomOrder.RoomSlot, id);
        if (sequence < 0 || !_plan.Contains(sequence))
        {
            return order;
        }

        if (_plan.TargetOf(sequence) != target)
        {
            return LineVerdict.WrongRoom;
        }

        // Bits: this room's lines first, then the default room's.
        var bit = target == RoomLinePlan.Lobby
            ? _plan.LinesPerRoom + (sequence - _plan.RoomLines)
            : sequence - _plan.RoomSequence(_ownRoom, 0);
        ref var word = ref _seen[bit >> 6];
        var mask = 1UL << (bit & 63);
        if ((word & mask) != 0)
        {
            return LineVerdict.Duplicate;
        }

        word |= mask;
        if (target == RoomLinePlan.Lobby)
        {
            Volatile.Write(ref _lobbyLines, _lobbyLines + 1);
        }
        else
        {
            Volatile.Write(ref _roomLines, _roomLines + 1);
        }

        if (!_ids.Agree(sequence, id))
        {
            return LineVerdict.IdMismatch;
        }

        return order;
    }
}
