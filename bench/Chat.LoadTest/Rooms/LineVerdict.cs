namespace Chat.LoadTest.Rooms;

/// <summary>What <see cref="RoomLineChecker"/> found about one line a client received.</summary>
internal enum LineVerdict
{
    /// <summary>A line of a room the client is in, in the room's order; one of the run's lines, or another line of that room.</summary>
    Ok,

    /// <summary>A line of a room the client is not in: it must never have reached the client.</summary>
    NotAMember,

    /// <summary>One of the run's lines, in a room the client is in, but not the room it was posted to.</summary>
    WrongRoom,

    /// <summary>A line whose id is not above the id of the room's previous line.</summary>
    OutOfOrder,

    /// <summary>A line whose id skips ids after the room's previous line: the lines in between never came.</summary>
    Gap,

    /// <summary>One of the run's lines that this client had received already.</summary>
    Duplicate,

    /// <summary>One of the run's lines that another client received with a different id.</summary>
    IdMismatch,
}
