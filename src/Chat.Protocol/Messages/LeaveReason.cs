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
}
