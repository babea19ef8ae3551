using System.Text;
using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server, the first message on every connection: which protocol the client speaks,
/// the user name it wants, and what software it is.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record Hello : ChatMessage
{
    /// <summary>Creates a <see cref="Hello"/> from its required fields.</summary>
    /// <param name="protocolVersion">The protocol version the client speaks; see <see cref="ProtocolInfo.Version"/>.</param>
    /// <param name="userName">The user name the client asks for; the server may refuse it with <see cref="Rejected"/>.</param>
    /// <param name="clientName">The client software's name, for the server's logs (for example "Chat.Client.Tui").</param>
    /// <param name="clientVersion">The client software's version, for the server's logs.</param>
    [SerializationConstructor]
    public Hello(int protocolVersion, string userName, string clientName, string clientVersion)
    {
        ProtocolVersion = protocolVersion;
        UserName = userName;
        ClientName = clientName;
        ClientVersion = clientVersion;
    }

    /// <summary>The protocol version the client speaks; see <see cref="ProtocolInfo.Version"/>.</summary>
    [Key(0)]
    public int ProtocolVersion { get; init; }

    /// <summary>The user name the client asks for; the server may refuse it with <see cref="Rejected"/>.</summary>
    [Key(1)]
    public string UserName { get; init; }

    /// <summary>The client software's name, for the server's logs (for example "Chat.Client.Tui").</summary>
    [Key(2)]
    public string ClientName { get; init; }

    /// <summary>The client software's version, for the server's logs.</summary>
    [Key(3)]
    public string ClientVersion { get; init; }

    /// <summary>Optional, <see langword="false"/> when omitted. <see langword="true"/> leaves this client out of
    /// presence: its <see cref="Welcome"/> lists no users (only <see cref="Welcome.UserCount"/>) and it
    /// receives no <see cref="UsersJoined"/> or <see cref="UsersLeft"/>. For bots and programs that do
    /// not show who is here: in a room of N users, presence costs every member N names.</summary>
    [Key(4)]
    public bool OmitPresence { get; init; }

    /// <summary>
    /// Optional, <c>""</c> when omitted: the server's password, for a server that asks for one
    /// (it refuses a missing or wrong one with <see cref="RejectReason.BadPassword"/>). Sent as it
    /// is: it stays secret only over TLS. <see cref="object.ToString"/> never shows it.
    /// </summary>
    [Key(5)]
    public string Password { get; init; } = string.Empty;

    /// <summary>
    /// Optional (version 2), <c>""</c> when omitted: the password of the name asked for, when that name
    /// is registered (<see cref="RegisterName"/>) or is an operator account. A registered name without it,
    /// or with a wrong one, is refused with <see cref="RejectReason.NameRegistered"/>; a name nobody
    /// registered ignores it. Sent as it is: it stays secret only over TLS. <see cref="object.ToString"/> never shows it.
    /// </summary>
    [Key(6)]
    public string NamePassword { get; init; } = string.Empty;

    /// <summary>Prints the fields for <see cref="object.ToString"/>, the password only as whether there is one.</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>Always <see langword="true"/>: there were members to print.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ProtocolVersion = ").Append(ProtocolVersion)
            .Append(", UserName = ").Append(UserName)
            .Append(", ClientName = ").Append(ClientName)
            .Append(", ClientVersion = ").Append(ClientVersion)
            .Append(", OmitPresence = ").Append(OmitPresence)
            .Append(", Password = ").Append(string.IsNullOrEmpty(Password) ? "(none)" : "(given)")
            .Append(", NamePassword = ").Append(string.IsNullOrEmpty(NamePassword) ? "(none)" : "(given)");
        return true;
    }
}
