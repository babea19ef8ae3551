namespace Chat.Server;

/// <summary>Whether a join succeeded, or why not.</summary>
internal enum JoinOutcome
{
    /// <summary>The member is in the room.</summary>
    Joined,

    /// <summary>Someone in the room has that name, in some letter case.</summary>
    NameTaken,

    /// <summary>The room holds as many members as it may.</summary>
    RoomFull,

    /// <summary>The room is closed: the server is shutting down.</summary>
    Closed,
}
