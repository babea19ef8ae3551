using Chat.Shared;

namespace Chat.Protocol;

/// <summary>Settings of a <see cref="ChatClient"/>. Change them with <c>with</c>: <c>ChatClientOptions.Default with { ... }</c>.</summary>
public sealed partial record ChatClientOptions
{
    /// <summary>The settings used when none are given.</summary>
    public static ChatClientOptions Default { get; } = new();

    /// <summary>The client software's name, sent in <see cref="Hello.ClientName"/>.</summary>
    public string ClientName { get; init; } = "Chat.Protocol";

    /// <summary>The client software's version, sent in <see cref="Hello.ClientVersion"/>.</summary>
    public string ClientVersion { get; init; } = ProductVersion.Text;

    /// <summary>How long to wait for the server's <see cref="Welcome"/> or <see cref="Rejected"/> after saying hello.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After this long without hearing from the server, the client pings it.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>After this long without hearing from the server, the client gives the connection up as lost.</summary>
    public TimeSpan ServerTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// How many received messages may wait for <see cref="ChatClient.ReadMessagesAsync"/>. When
    /// the application falls this far behind, the client stops reading from the network, and
    /// the server will in time drop it as a slow consumer.
    /// </summary>
    public int ReceiveQueueCapacity { get; init; } = 16 * 1024;

    /// <summary>
    /// Whether the client keeps the set of users present (<see cref="ChatClient.Users"/>) up to
    /// date from the welcome and every join and leave notice. On by default. A program that runs
    /// many clients in one process and tracks presence itself (such as a load generator) turns it
    /// off: each client of a room of N users would otherwise hold its own set of N names. With it
    /// off, <see cref="ChatClient.Users"/> throws; the notices still reach
    /// <see cref="ChatClient.ReadMessagesAsync"/>.
    /// </summary>
    internal bool TrackUsers { get; init; } = true;

    /// <summary>
    /// Whether the server tells this client who is here: the welcome's user list and every join
    /// and leave notice. On by default. A bot or program that does not show the users turns it
    /// off (<see cref="Hello.OmitPresence"/>): in a room of N users, presence costs each member N
    /// names when it joins and a name for every later arrival and departure. With it off, the
    /// welcome gives only the number of users (<see cref="ChatClient.UsersAtJoin"/>),
    /// <see cref="ChatClient.Users"/> throws, and no <see cref="UsersJoined"/> or
    /// <see cref="UsersLeft"/> arrives; everything else (lines, private messages, notices) does.
    /// A server that predates the request ignores it and sends presence as usual; the notices
    /// then reach <see cref="ChatClient.ReadMessagesAsync"/> like any other message.
    /// </summary>
    public bool ReceivePresence { get; init; } = true;

    /// <summary>Settings of the underlying connection (frame size limit, timeouts).</summary>
    public ChatConnectionOptions Connection { get; init; } = ChatConnectionOptions.Default;

    /// <summary>
    /// Whether, and how fast, the client joins again by itself after losing its session:
    /// <see langword="null"/> (the default) for never, so that the session's end ends the client;
    /// a <see cref="ReconnectBackoff"/> (such as <see cref="ReconnectBackoff.Default"/>) for waits
    /// that grow with each failed attempt, with jitter.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Only a client made by <see cref="ChatClient.ConnectAsync"/> reconnects: it knows the server's
    /// address. One made by <see cref="ChatClient.JoinAsync"/> over a connection it was handed cannot,
    /// and ends with its session as without this setting.
    /// </para>
    /// <para>
    /// The client reconnects after the connection was lost, the server shut down or restarted, or
    /// dropped it as idle or as a slow consumer; it keeps trying, under the same name, until it is
    /// in again (a refusal with <see cref="RejectReason.NameTaken"/>, often by its own previous session
    /// that the server has not yet seen go, is tried again too). It stops for good when this client
    /// leaves or is disposed, when an operator kicked or banned it (<see cref="ErrorCode.Kicked"/>,
    /// <see cref="ErrorCode.Banned"/>), and when the server refuses it in a way that trying again cannot
    /// change (its password, its name or the name's password, a ban, the protocol version, TLS), and
    /// says why with a last <see cref="NotReconnecting"/>. Each wait is announced in the stream with <see cref="Reconnecting"/>,
    /// each success with <see cref="Reconnected"/>, followed by the rooms rejoined and what they said
    /// meanwhile (see <see cref="Reconnected"/>). <see cref="ChatClient.Completion"/> completes only
    /// when the client gives up for good.
    /// </para>
    /// </remarks>
    public ReconnectBackoff? Reconnect { get; init; }

    /// <summary>The clock for keep-alive and timeouts; tests replace it.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ClientName, nameof(ClientName));
        ArgumentNullException.ThrowIfNull(ClientVersion, nameof(ClientVersion));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HandshakeTimeout, TimeSpan.Zero, nameof(HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAliveInterval, TimeSpan.Zero, nameof(KeepAliveInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ServerTimeout, KeepAliveInterval, nameof(ServerTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveQueueCapacity, 1, nameof(ReceiveQueueCapacity));
        ArgumentNullException.ThrowIfNull(Connection, nameof(Connection));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        Connection.Validate();
    }
}
