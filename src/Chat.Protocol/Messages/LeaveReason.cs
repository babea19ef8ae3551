namespace Chat.Protocol;

/// <summary>Why a user left the room.</summary>
public enum LeaveReason
{
    /// <summary>The user said goodbye or closed the connection cleanly.</summary>
    Quit = 1,

    /// <summary>The user stopped answering and the server gave up on them.</summary>
    Timeout = 2,

    /// <summary>The operator removed the user.</summary>
    Kicked = 3,

    /// <summary>The connection failed, or the user broke the protocol or the server's limits.</summary>
    Error = 4,

    /// <summary>The server is shutting down.</summary>
    ServerShutdown = 5,

    /// <summary>Version 2: the user left the room and stays connected (<see cref="LeaveRoom"/>).</summary>
    Parted = 6,

    /// <summary>
    /// The user took another name; sent only to version-1 clients, which learn of a rename as this
    /// departure (its text is the new name) followed by a join of the new name.
    /// </summary>
    Renamed = 7,
}
