namespace Chat.Server;

/// <summary>Whether a join succeeded, or why not.</summary>
internal enum JoinOutcome
{
    /// <summary>The member is in the room.</summary>
    Joined,

    /// <summary>The member was in the room already; it is told the room's state again, as IRC does.</summary>
    AlreadyMember,

    /// <summary>The room holds as many members as it may.</summary>
    RoomFull,

    /// <summary>The room is closed: the server is shutting down, or the room vanished when its last member left.</summary>
    Closed,
}
