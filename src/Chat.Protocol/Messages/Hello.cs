using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server, the first message on every connection: which protocol the client speaks,
/// the user name it wants, and what software it is.
/// </summary>
/// <param name="ProtocolVersion">The protocol version the client speaks; see <see cref="ProtocolInfo.Version"/>.</param>
/// <param name="UserName">The user name the client asks for; the server may refuse it with <see cref="Rejected"/>.</param>
/// <param name="ClientName">The client software's name, for the server's logs (for example "Chat.Client.Tui").</param>
/// <param name="ClientVersion">The client software's version, for the server's logs.</param>
/// <param name="OmitPresence">
/// Optional, <see langword="false"/> when omitted. <see langword="true"/> leaves this client out of
/// presence: its <see cref="Welcome"/> lists no users (only <see cref="Welcome.UserCount"/>) and it
/// receives no <see cref="UsersJoined"/> or <see cref="UsersLeft"/>. For bots and programs that do
/// not show who is here: in a room of N users, presence costs every member N names.
/// </param>
[MessagePackObject]
public sealed record Hello(
    [property: Key(0)] int ProtocolVersion,
    [property: Key(1)] string UserName,
    [property: Key(2)] string ClientName,
    [property: Key(3)] string ClientVersion,
    [property: Key(4)] bool OmitPresence = false) : ChatMessage;
