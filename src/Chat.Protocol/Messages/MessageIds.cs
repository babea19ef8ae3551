namespace Chat.Protocol;

/// <summary>
/// The wire id of every message type: the MessagePack union tag written before a message's fields.
/// </summary>
/// <remarks>
/// These numbers are the protocol. An id is never renumbered or reused; a retired message keeps
/// its id reserved forever. A reader that meets an id it does not know skips that frame.
/// </remarks>
public static class MessageIds
{
    /// <summary>Client → server: the first message of a connection. See <see cref="Protocol.Hello"/>.</summary>
    public const int Hello = 1;

    /// <summary>Server → client: the handshake succeeded. See <see cref="Protocol.Welcome"/>.</summary>
    public const int Welcome = 2;

    /// <summary>Server → client: the handshake failed. See <see cref="Protocol.Rejected"/>.</summary>
    public const int Rejected = 3;

    /// <summary>Client → server: say something in the room. See <see cref="Protocol.SendText"/>.</summary>
    public const int SendText = 4;

    /// <summary>Server → client: a line was posted in the room. See <see cref="Protocol.TextPosted"/>.</summary>
    public const int TextPosted = 5;

    /// <summary>Server → client: users entered the room. See <see cref="Protocol.UsersJoined"/>.</summary>
    public const int UsersJoined = 6;

    /// <summary>Server → client: users left the room. See <see cref="Protocol.UsersLeft"/>.</summary>
    public const int UsersLeft = 7;

    /// <summary>Client → server: a private message to one user. See <see cref="Protocol.SendPrivate"/>.</summary>
    public const int SendPrivate = 8;

    /// <summary>Server → client: a private message delivered. See <see cref="Protocol.PrivateMessage"/>.</summary>
    public const int PrivateMessage = 9;

    /// <summary>Server → client: a notice from the server. See <see cref="Protocol.ServerNotice"/>.</summary>
    public const int ServerNotice = 10;

    /// <summary>Server → client: something the client sent was refused. See <see cref="Protocol.ErrorMessage"/>.</summary>
    public const int Error = 11;

    /// <summary>Either way: are you there? See <see cref="Protocol.Ping"/>.</summary>
    public const int Ping = 12;

    /// <summary>Either way: the answer to a ping. See <see cref="Protocol.Pong"/>.</summary>
    public const int Pong = 13;

    /// <summary>Client → server: the client is leaving. See <see cref="Protocol.Goodbye"/>.</summary>
    public const int Goodbye = 14;

    /// <summary>Server → client: the server is shutting down. See <see cref="Protocol.ServerShutdown"/>.</summary>
    public const int ServerShutdown = 15;

    /// <summary>Whether <paramref name="id"/> names a message type this version of the library knows.</summary>
    /// <param name="id">A union tag read from the wire.</param>
    /// <returns><see langword="true"/> for ids 1 to 15.</returns>
    public static bool IsKnown(int id) => id is >= Hello and <= ServerShutdown;
}
