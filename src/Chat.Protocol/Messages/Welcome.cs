using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: the handshake succeeded and the client is now in the room.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record Welcome : ChatMessage
{
    /// <summary>Creates a <see cref="Welcome"/> from its required fields.</summary>
    /// <param name="protocolVersion">The protocol version the server will speak on this connection.</param>
    /// <param name="userName">The accepted user name, exactly as the room will show it.</param>
    /// <param name="serverName">The server's display name.</param>
    /// <param name="users">Everyone in the room when the client joined, the client included; empty when the client asked to
    /// be left out of presence (<see cref="Hello.OmitPresence"/>).</param>
    /// <param name="messageOfTheDay">A message of the day, or an empty string.</param>
    /// <param name="recent">The most recent lines posted in the room, oldest first.</param>
    /// <param name="maxTextLength">The longest text, in Unicode scalar values, the server accepts in one message.</param>
    /// <param name="maxFrameLength">The largest frame body, in bytes, the server accepts from a client.</param>
    [SerializationConstructor]
    public Welcome(int protocolVersion, string userName, string serverName, IReadOnlyList<string> users, string messageOfTheDay, IReadOnlyList<TextPosted> recent, int maxTextLength, int maxFrameLength)
    {
        ProtocolVersion = protocolVersion;
        UserName = userName;
        ServerName = serverName;
        Users = users;
        MessageOfTheDay = messageOfTheDay;
        Recent = recent;
        MaxTextLength = maxTextLength;
        MaxFrameLength = maxFrameLength;
    }

    /// <summary>The protocol version the server will speak on this connection.</summary>
    [Key(0)]
    public int ProtocolVersion { get; init; }

    /// <summary>The accepted user name, exactly as the room will show it.</summary>
    [Key(1)]
    public string UserName { get; init; }

    /// <summary>The server's display name.</summary>
    [Key(2)]
    public string ServerName { get; init; }

    /// <summary>Everyone in the room when the client joined, the client included; empty when the client asked to
    /// be left out of presence (<see cref="Hello.OmitPresence"/>).</summary>
    [Key(3)]
    public IReadOnlyList<string> Users { get; init; }

    /// <summary>A message of the day, or an empty string.</summary>
    [Key(4)]
    public string MessageOfTheDay { get; init; }

    /// <summary>The most recent lines posted in the room, oldest first.</summary>
    [Key(5)]
    public IReadOnlyList<TextPosted> Recent { get; init; }

    /// <summary>The longest text, in Unicode scalar values, the server accepts in one message.</summary>
    [Key(6)]
    public int MaxTextLength { get; init; }

    /// <summary>The largest frame body, in bytes, the server accepts from a client.</summary>
    [Key(7)]
    public int MaxFrameLength { get; init; }

    /// <summary>Optional: how many users were in the room when the client joined, the client included. 0 when
    /// omitted (by a server that predates it): then count <see cref="Users"/>.</summary>
    [Key(8)]
    public int UserCount { get; init; }

    /// <summary>
    /// Optional: how many messages a second a client may send in the long run (the rate its token
    /// bucket refills at; see docs/protocol.md, section 8). 0 when not announced: the server has no
    /// limit, or predates the field.
    /// </summary>
    [Key(9)]
    public double MessageRate { get; init; }

    /// <summary>
    /// Optional: how many messages a client may send at once before <see cref="MessageRate"/>
    /// applies (the size of its token bucket). 0 when not announced.
    /// </summary>
    [Key(10)]
    public int MessageBurst { get; init; }

    /// <summary>
    /// Optional: after how many milliseconds without a frame from the client the server pings
    /// it; a client silent for twice as long is disconnected. 0 when not announced: the server
    /// does not ping, or predates the field.
    /// </summary>
    [Key(11)]
    public int PingIntervalMilliseconds { get; init; }

    /// <summary>
    /// Optional (version 2), empty when omitted: the room the client was put in, its default room
    /// (<see cref="Users"/>, <see cref="Recent"/> and <see cref="UserCount"/> are that room's); empty
    /// from a server that speaks version 1.
    /// </summary>
    [Key(12)]
    public string Room { get; init; } = string.Empty;

    /// <summary>Optional (version 2), empty when omitted: the default room's topic.</summary>
    [Key(13)]
    public string Topic { get; init; } = string.Empty;

    /// <summary>Optional (version 2), empty when omitted: the users of <see cref="Users"/> who are away.</summary>
    [Key(14)]
    public IReadOnlyList<string> AwayUsers { get; init; } = [];

    /// <summary>
    /// Optional (version 2), 0 when omitted: the most lines the server puts in one
    /// <see cref="HistoryBatch"/> or <see cref="SearchResults"/>; 0 means the server answers no
    /// <see cref="HistoryRequest"/> or <see cref="SearchRequest"/>.
    /// </summary>
    [Key(15)]
    public int HistoryLimit { get; init; }

    /// <summary>
    /// Optional (version 2), empty when omitted: names the history the line ids count in. While it
    /// stays the same across reconnects, ids go on increasing and a client may ask for the lines after
    /// the last id it saw; when it changes (a server whose history lives in memory restarted) ids began
    /// again and old ones mean nothing.
    /// </summary>
    [Key(16)]
    public string HistoryEpoch { get; init; } = string.Empty;

    /// <summary>
    /// Optional (version 2), <see langword="false"/> when omitted: <see langword="true"/> when this
    /// client is an operator (it gave an operator account's password in <see cref="Hello.NamePassword"/>)
    /// and so may send <see cref="OperatorRequest"/>.
    /// </summary>
    [Key(17)]
    public bool Operator { get; init; }

    /// <summary>
    /// Optional (version 2), <see langword="false"/> when omitted: <see langword="true"/> when the name
    /// this client holds is registered (it gave the name's password in <see cref="Hello.NamePassword"/>).
    /// </summary>
    [Key(18)]
    public bool Registered { get; init; }

    /// <summary>
    /// Optional (version 2), <see langword="false"/> when omitted: <see langword="true"/> when the
    /// server lets users register their names with <see cref="RegisterName"/>.
    /// </summary>
    [Key(19)]
    public bool Registration { get; init; }
}
