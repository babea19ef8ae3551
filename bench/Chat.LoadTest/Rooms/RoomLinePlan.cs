namespace Chat.LoadTest.Rooms;

/// <summary>
/// The lines of one rooms run, numbered in one sequence space: first <see cref="LinesPerRoom"/>
/// lines for each room (room <c>r</c>'s line <c>k</c> is sequence <c>r * LinesPerRoom + k</c>,
/// sent by the room's members in turn), then <see cref="LobbyLines"/> lines to the default room,
/// sent by clients spread over the whole run. Says where each line goes and who sends it.
/// </summary>
internal sealed class RoomLinePlan
{
    /// <summary>The target of a line posted to the default room, in place of a room number.</summary>
    public const int Lobby = RoomLayout.Lobby;

    public RoomLinePlan(RoomLayout layout, int linesPerRoom, int lobbyLines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(linesPerRoom);
        ArgumentOutOfRangeException.ThrowIfNegative(lobbyLines);
        Layout = layout;
        LinesPerRoom = linesPerRoom;
        LobbyLines = lobbyLines;
        RoomLines = checked(layout.Rooms * linesPerRoom);
        TotalLines = checked(RoomLines + lobbyLines);
        if (TotalLines > Measurement.LineText.MaxSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(linesPerRoom), "The run's lines must fit the line prefix's sequence numbers.");
        }
    }

    public RoomLayout Layout { get; }

    /// <summary>Lines posted to each room; every member of the room must receive each of them.</summary>
    public int LinesPerRoom { get; }

    /// <summary>Lines posted to the default room; every client must receive each of them.</summary>
    public int LobbyLines { get; }

    /// <summary>Lines posted to the rooms, all rooms together.</summary>
    public int RoomLines { get; }

    public int TotalLines { get; }

    /// <summary>Deliveries the room lines make: each reaches the <see cref="RoomLayout.RoomSize"/> members of its room.</summary>
    public long RoomDeliveries => (long)RoomLines * Layout.RoomSize;

    /// <summary>Deliveries the default room's lines make: each reaches every client.</summary>
    public long LobbyDeliveries => (long)LobbyLines * Layout.Clients;

    /// <summary>The sequence number of line <paramref name="line"/> of room <paramref name="room"/>.</summary>
    public int RoomSequence(int room, int line) => (room * LinesPerRoom) + line;

    /// <summary>The sequence number of line <paramref name="line"/> of the default room.</summary>
    public int LobbySequence(int line) => RoomLines + line;

    /// <summary>Whether <paramref name="sequence"/> is one of the run's lines.</summary>
    public bool Contains(int sequence) => (uint)sequence < (uint)TotalLines;

    /// <summary>The room line <paramref name="sequence"/> is posted to, or <see cref="Lobby"/>.</summary>
    public int TargetOf(int sequence) => sequence < RoomLines ? sequence / LinesPerRoom : Lobby;

    /// <summary>The client that sends line <paramref name="sequence"/>.</summary>
    public int SenderOf(int sequence)
    {
        if (sequence < RoomLines)
        {
            var room = sequence / LinesPerRoom;
            return Layout.MemberOf(room, (sequence - (room * LinesPerRoom)) % Layout.RoomSize);
        }

        // Spread over the run: consecutive lobby lines come from different rooms.
        var line = sequence - RoomLines;
        return (int)(((long)line * Layout.RoomSize + (line / Layout.Rooms)) % Layout.Clients);
    }
}
