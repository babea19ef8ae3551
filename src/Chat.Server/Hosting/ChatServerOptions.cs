using System.Net;
using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// Settings of a <see cref="ChatServer"/>. The defaults suit a team server; change them with
/// <c>with</c>: <c>ChatServerOptions.Default with { Port = 0 }</c>.
/// </summary>
internal sealed partial record ChatServerOptions
{
    /// <summary>
    /// The largest room a server may hold: its welcome lists every name (up to 37 bytes each), and
    /// must fit in the <see cref="ProtocolInfo.MaxServerFrameLength"/> every client accepts.
    /// </summary>
    public const int MaxClientsLimit = 400_000;

    /// <summary>The settings used when none are given.</summary>
    public static ChatServerOptions Default { get; } = new();

    /// <summary>The address to listen on; <see cref="IPAddress.Any"/> or <see cref="IPAddress.IPv6Any"/> for every interface.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port to listen on; 0 lets the system choose a free one.</summary>
    public int Port { get; init; } = ProtocolInfo.DefaultPort;

    /// <summary>The most users on the server at once; a client beyond that is refused with <see cref="RejectReason.ServerFull"/>.</summary>
    public int MaxClients { get; init; } = 1000;

    /// <summary>The largest frame body, in bytes, accepted from a client; a larger one disconnects it.</summary>
    public int MaxFrameLength { get; init; } = ProtocolInfo.DefaultServerMaxFrameLength;

    /// <summary>The longest line of text, in Unicode scalar values.</summary>
    public int MaxTextLength { get; init; } = ProtocolInfo.DefaultMaxTextLength;

    /// <summary>How many messages per second a client may send in the long run; 0 means unlimited.</summary>
    public double MessageRate { get; init; } = 5;

    /// <summary>How many messages a client may send at once before the rate applies (a pasted paragraph).</summary>
    public int MessageBurst { get; init; } = 30;

    /// <summary>How long a new connection may take to say hello.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After half of this without hearing from a client the server pings it; after all of it the
    /// client is dropped. <see cref="TimeSpan.Zero"/> turns the check off.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many messages may wait for one client before it counts as a slow consumer and is dropped.</summary>
    public int SendQueueLength { get; init; } = 4096;

    // ---- slow consumers in bytes (issue 13, helper "text") ----

    /// <summary>
    /// How many bytes of encoded frames may wait for one client before it counts as a slow
    /// consumer and is dropped, beside <see cref="SendQueueLength"/>: whichever is passed first.
    /// </summary>
    public int SendQueueBytes { get; init; } = 1024 * 1024;

    /// <summary>The smallest <see cref="SendQueueBytes"/> allowed: a few frames of the longest line.</summary>
    public const int MinimumSendQueueBytes = 4096;

    /// <summary>
    /// How long a client dropped as a slow consumer has to start reading again and take its fatal
    /// error (behind what was already on its connection) before the connection is reset. Only a
    /// send buffer's worth of bytes waits for it meanwhile.
    /// </summary>
    public TimeSpan SlowConsumerGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many recent lines a newcomer's welcome (and a room join) carries (<c>--history-on-join</c>).</summary>
    public int HistoryLength { get; init; } = 50;

    /// <summary>The message of the day shown to every newcomer; may be empty.</summary>
    public string MessageOfTheDay { get; init; } = string.Empty;

    /// <summary>The server's display name, sent in the welcome.</summary>
    public string ServerName { get; init; } = "ChatRoom";

    /// <summary>
    /// How long join and leave notices are gathered before they go out as one message, so that a
    /// crowd joining costs one notice per interval instead of one per person.
    /// </summary>
    public TimeSpan PresenceInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How many presence deliveries per second the room allows itself: every notice goes to every
    /// member, so in a room of N members notices are gathered for at least N divided by this
    /// (and never less than <see cref="PresenceInterval"/>). With the default, a room of 2,000 waits
    /// the 100 ms interval and a room of 10,000 half a second, and a stream of arrivals and
    /// departures costs at most 20,000 deliveries a second however large the room. 0 turns the
    /// limit off.
    /// </summary>
    public int PresenceDeliveriesPerSecond { get; init; } = 20_000;

    /// <summary>The most names one join or leave notice carries.</summary>
    public int MaxPresenceBatch { get; init; } = 1000;

    /// <summary>
    /// The largest frame body, in bytes, the server sends: at most
    /// <see cref="ProtocolInfo.MaxServerFrameLength"/>, which every client accepts. The other
    /// limits are checked against it (<see cref="Validate"/>), a welcome carries only the recent
    /// lines that fit, and presence notices are split to fit. Only tests make it smaller.
    /// </summary>
    public int MaxSentFrameLength { get; init; } = ProtocolInfo.MaxServerFrameLength;

    /// <summary>How long a closing connection may take to deliver its last messages before it is cut off.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a shutdown waits for every connection to close before it cuts the rest off.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    // TLS (helper "tls").

    /// <summary>
    /// The certificate files that turn on TLS (1.2 and 1.3) for every connection; <see langword="null"/>
    /// (the default) for plaintext. Loaded at <see cref="ChatServer.Start"/> and on every
    /// <see cref="ChatServer.ReloadCertificate"/>.
    /// </summary>
    public TlsFiles? Tls { get; init; }

    /// <summary>The clock for timestamps, timeouts, rates and presence batching; tests replace it.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The settings every accepted connection gets.</summary>
    public ChatConnectionOptions ConnectionOptions => new()
    {
        MaxFrameLength = MaxFrameLength,
        CloseTimeout = CloseTimeout,
        ReceiveFrameRate = EffectiveFrameRate,
        ReceiveFrameBurst = EffectiveFrameBurst,
    };

    /// <summary>The smallest frame limit that still fits a line of <paramref name="maxTextLength"/> characters.</summary>
    /// <param name="maxTextLength">The text limit.</param>
    /// <returns>Four bytes per character (the most UTF-8 needs) plus room for the message around it.</returns>
    public static int MinimumFrameLengthFor(int maxTextLength) => (maxTextLength * 4) + 64;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Address, nameof(Address));
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, IPEndPoint.MinPort, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, IPEndPoint.MaxPort, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxClients, 1, nameof(MaxClients));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextLength, 1, nameof(MaxTextLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameLength, MinimumFrameLengthFor(MaxTextLength), nameof(MaxFrameLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MessageRate, 0, nameof(MessageRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(MessageBurst, 1, nameof(MessageBurst));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HandshakeTimeout, TimeSpan.Zero, nameof(HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(IdleTimeout, TimeSpan.Zero, nameof(IdleTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendQueueLength, 1, nameof(SendQueueLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendQueueBytes, MinimumSendQueueBytes, nameof(SendQueueBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(HistoryLength, 0, nameof(HistoryLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(HistoryLimit, 0, nameof(HistoryLimit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HistoryLimit, MaxHistoryLimit, nameof(HistoryLimit));
        ArgumentNullException.ThrowIfNull(MessageOfTheDay, nameof(MessageOfTheDay));
        ArgumentException.ThrowIfNullOrWhiteSpace(ServerName, nameof(ServerName));
        ArgumentOutOfRangeException.ThrowIfLessThan(PresenceInterval, TimeSpan.Zero, nameof(PresenceInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(PresenceDeliveriesPerSecond, nameof(PresenceDeliveriesPerSecond));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPresenceBatch, 1, nameof(MaxPresenceBatch));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSentFrameLength, 1024, nameof(MaxSentFrameLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxSentFrameLength, ProtocolInfo.MaxServerFrameLength, nameof(MaxSentFrameLength));
        if (FrameBudget.LineFrame(MaxTextLength) > MaxSentFrameLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxTextLength), MaxTextLength, $"A line of {MaxTextLength} characters could take more than the {MaxSentFrameLength} bytes a server may send in one frame.");
        }

        if (FrameBudget.LargestWelcomeWithoutLines(this) > MaxSentFrameLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxClients), MaxClients, $"The welcome of a room of {EffectiveMaxRoomMembers} users, with this message of the day and server name, could take more than the {MaxSentFrameLength} bytes a server may send in one frame.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(CloseTimeout, TimeSpan.Zero, nameof(CloseTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(SlowConsumerGrace, TimeSpan.Zero, nameof(SlowConsumerGrace));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownTimeout, TimeSpan.Zero, nameof(ShutdownTimeout));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ValidateAccess();
        ValidateRooms();
        ValidateRetention();
        ValidateMetrics();
        ValidateAccounts();
        ValidateRelayedTexts();
    }

    // ---- text rules (issue 13, helper "text") ----

    /// <summary>
    /// Checks the texts the server relays from its own settings against the rules every relayed
    /// text follows (docs/protocol.md, R8.6): its name, and each line of the message of the day.
    /// </summary>
    /// <exception cref="ArgumentException">A text breaks the rules; the message says which and how.</exception>
    public void ValidateRelayedTexts()
    {
        if (TextRules.Check(ServerName, int.MaxValue) is var nameProblem and not TextProblem.None)
        {
            throw new ArgumentException($"The server name is not allowed: {TextRules.Describe(nameProblem, int.MaxValue)}");
        }

        var lines = (MessageOfTheDay ?? string.Empty).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (TextRules.Check(line, int.MaxValue) is var problem and not (TextProblem.None or TextProblem.Empty))
            {
                throw new ArgumentException($"Line {i + 1} of the message of the day is not allowed: {TextRules.Describe(problem, int.MaxValue)}");
            }
        }
    }
}
