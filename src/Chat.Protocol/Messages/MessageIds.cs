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

    /// <summary>Client → server (version 2): join a room. See <see cref="Protocol.JoinRoom"/>.</summary>
    public const int JoinRoom = 16;

    /// <summary>Server → client (version 2): the client joined a room. See <see cref="Protocol.RoomJoined"/>.</summary>
    public const int RoomJoined = 17;

    /// <summary>Client → server (version 2): leave a room. See <see cref="Protocol.LeaveRoom"/>.</summary>
    public const int LeaveRoom = 18;

    /// <summary>Server → client (version 2): the client left a room. See <see cref="Protocol.RoomLeft"/>.</summary>
    public const int RoomLeft = 19;

    /// <summary>Client → server (version 2): which rooms are there? See <see cref="Protocol.ListRooms"/>.</summary>
    public const int ListRooms = 20;

    /// <summary>Server → client (version 2): the rooms. See <see cref="Protocol.RoomList"/>.</summary>
    public const int RoomList = 21;

    /// <summary>Client → server (version 2): set a room's topic. See <see cref="Protocol.SetTopic"/>.</summary>
    public const int SetTopic = 22;

    /// <summary>Server → client (version 2): a room's topic was set. See <see cref="Protocol.TopicChanged"/>.</summary>
    public const int TopicChanged = 23;

    /// <summary>Client → server (version 2): take another name. See <see cref="Protocol.ChangeName"/>.</summary>
    public const int ChangeName = 24;

    /// <summary>Server → client (version 2): a user took another name. See <see cref="Protocol.UserRenamed"/>.</summary>
    public const int UserRenamed = 25;

    /// <summary>Client → server (version 2): go away or come back. See <see cref="Protocol.SetAway"/>.</summary>
    public const int SetAway = 26;

    /// <summary>Server → client (version 2): a user went away or came back. See <see cref="Protocol.UserAway"/>.</summary>
    public const int UserAway = 27;

    /// <summary>Client → server (version 2): which lines did a room hold? See <see cref="Protocol.HistoryRequest"/>.</summary>
    public const int HistoryRequest = 28;

    /// <summary>Server → client (version 2): lines from a room's history. See <see cref="Protocol.HistoryBatch"/>.</summary>
    public const int HistoryBatch = 29;

    /// <summary>Client → server (version 2): which lines of a room hold these words? See <see cref="Protocol.SearchRequest"/>.</summary>
    public const int SearchRequest = 30;

    /// <summary>Server → client (version 2): the lines found. See <see cref="Protocol.SearchResults"/>.</summary>
    public const int SearchResults = 31;

    /// <summary>Client → server (version 2): register the name this client holds. See <see cref="Protocol.RegisterName"/>.</summary>
    public const int RegisterName = 32;

    /// <summary>Server → client (version 2): the name is registered. See <see cref="Protocol.NameRegistered"/>.</summary>
    public const int NameRegistered = 33;

    /// <summary>Client → server (version 2): an operator's command. See <see cref="Protocol.OperatorRequest"/>.</summary>
    public const int OperatorRequest = 34;

    /// <summary>Server → client (version 2): what the operator's command printed. See <see cref="Protocol.OperatorReply"/>.</summary>
    public const int OperatorReply = 35;

    /// <summary>Whether <paramref name="id"/> names a message type this version of the library knows.</summary>
    /// <param name="id">A union tag read from the wire.</param>
    /// <returns><see langword="true"/> for ids 1 to 35.</returns>
    public static bool IsKnown(int id) => id is >= Hello and <= OperatorReply;
}
