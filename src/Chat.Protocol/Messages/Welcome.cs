using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: the handshake succeeded and the client is now in the room.
/// </summary>
/// <param name="ProtocolVersion">The protocol version the server will speak on this connection.</param>
/// <param name="UserName">The accepted user name, exactly as the room will show it.</param>
/// <param name="ServerName">The server's display name.</param>
/// <param name="Users">
/// Everyone in the room when the client joined, the client included; empty when the client asked to
/// be left out of presence (<see cref="Hello.OmitPresence"/>).
/// </param>
/// <param name="MessageOfTheDay">A message of the day, or an empty string.</param>
/// <param name="Recent">The most recent lines posted in the room, oldest first.</param>
/// <param name="MaxTextLength">The longest text, in Unicode scalar values, the server accepts in one message.</param>
/// <param name="MaxFrameLength">The largest frame body, in bytes, the server accepts from a client.</param>
/// <param name="UserCount">
/// Optional: how many users were in the room when the client joined, the client included. 0 when
/// omitted (by a server that predates it): then count <see cref="Users"/>.
/// </param>
[MessagePackObject]
public sealed record Welcome(
    [property: Key(0)] int ProtocolVersion,
    [property: Key(1)] string UserName,
    [property: Key(2)] string ServerName,
    [property: Key(3)] IReadOnlyList<string> Users,
    [property: Key(4)] string MessageOfTheDay,
    [property: Key(5)] IReadOnlyList<TextPosted> Recent,
    [property: Key(6)] int MaxTextLength,
    [property: Key(7)] int MaxFrameLength,
    [property: Key(8)] int UserCount = 0) : ChatMessage;
