using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// Why a session ended, what the room is told, and the last message the client gets. The first
/// end decided for a session is the one that counts.
/// </summary>
/// <param name="Cause">Why, for logs and metrics.</param>
/// <param name="Reason">Why, as the room is told.</param>
/// <param name="Text">Why in words, as the room is told (and logged); may be empty.</param>
/// <param name="Farewell">The last message for the client, or <see langword="null"/> for none.</param>
/// <param name="Error">The failure behind it, when there is one worth logging.</param>
internal sealed record SessionEnd(
    DisconnectCause Cause,
    LeaveReason Reason,
    string Text,
    EncodedMessage? Farewell,
    Exception? Error = null)
{
    /// <summary>
    /// Whether what is still queued for the client should be dropped: it cannot or need not be
    /// delivered (the connection broke, or the client stopped reading and only the farewell that
    /// says why is worth its time). A client that quit still gets what was queued for it before
    /// the close: one that sent its lines and its FIN in one write reads the answers afterwards.
    /// </summary>
    public bool DiscardsQueue => Cause is DisconnectCause.ConnectionLost or DisconnectCause.SlowConsumer;

    public static SessionEnd Quit(string text) => new(DisconnectCause.Quit, LeaveReason.Quit, text, null);

    public static SessionEnd ConnectionLost(ChatException error) =>
        new(DisconnectCause.ConnectionLost, LeaveReason.Error, error.Message, null, error);

    public static SessionEnd HandshakeTimeout(TimeSpan timeout) => Fatal(
        DisconnectCause.HandshakeTimeout,
        LeaveReason.Timeout,
        $"No hello within {Seconds(timeout)}.",
        ErrorCode.HandshakeTimeout,
        $"You did not say hello within {Seconds(timeout)}.");

    public static SessionEnd IdleTimeout(TimeSpan timeout) => Fatal(
        DisconnectCause.IdleTimeout,
        LeaveReason.Timeout,
        $"No answer for {Seconds(timeout)}.",
        ErrorCode.IdleTimeout,
        $"Your client did not answer for {Seconds(timeout)}; the connection is closed.");

    public static SessionEnd Rejected(RejectReason reason, string text) => new(
        DisconnectCause.Rejected, LeaveReason.Error, text, EncodedMessage.Encode(new Rejected(reason, text)));

    public static SessionEnd ProtocolViolation(ChatProtocolException error) => error.Code == ErrorCode.RateLimited
        ? OverFrameBudget(error)
        : Fatal(
        DisconnectCause.ProtocolViolation,
        LeaveReason.Error,
        "Broke the protocol.",
        error.Code,
        error.Message,
        error);

    /// <summary>The connection's frame budget ran out (<see cref="ChatConnectionOptions.ReceiveFrameRate"/>): its text says so.</summary>
    public static SessionEnd OverFrameBudget(ChatProtocolException error) => Fatal(
        DisconnectCause.OverFrameBudget,
        LeaveReason.Error,
        "Sent too many frames.",
        ErrorCode.RateLimited,
        error.Message);

    /// <summary>Dropped before its hello to make room at the server's connection cap.</summary>
    public static SessionEnd Evicted() => Fatal(
        DisconnectCause.Evicted,
        LeaveReason.Error,
        "Evicted before saying hello.",
        ErrorCode.ServerBusy,
        "The server is busy: it has as many connections as it allows, and yours, which had not said hello yet, was the oldest; try again later.");

    /// <summary>The client gave no password or a wrong one.</summary>
    public static SessionEnd BadPassword(string text) => new(
        DisconnectCause.BadPassword, LeaveReason.Error, text, EncodedMessage.Encode(new Rejected(RejectReason.BadPassword, text)));

    /// <summary>The hello named a banned name, or came from a banned address: the rejection says why and until when.</summary>
    public static SessionEnd RejectedBanned(string text, DateTime? until) => new(
        DisconnectCause.Rejected, LeaveReason.Error, text, EncodedMessage.Encode(new Rejected(RejectReason.Banned, text) { Until = until }));

    /// <summary>An operator banned the client while it was connected: a fatal <see cref="ErrorCode.Banned"/>, and its rooms see it leave as kicked.</summary>
    /// <param name="roomText">What the rooms are told ("Banned: spam").</param>
    /// <param name="clientText">What the client is told: why and until when.</param>
    /// <param name="until">When the ban ends; <see langword="null"/> for no end.</param>
    public static SessionEnd Banned(string roomText, string clientText, DateTime? until) => new(
        DisconnectCause.Banned, LeaveReason.Kicked, roomText, EncodedMessage.Encode(new ErrorMessage(ErrorCode.Banned, clientText) { Fatal = true, Until = until }));

    /// <summary>A limit per address refused the client's join.</summary>
    public static SessionEnd Refused(RejectReason reason, string text) => new(
        DisconnectCause.Refused, LeaveReason.Error, text, EncodedMessage.Encode(new Rejected(reason, text)));

    public static SessionEnd SlowConsumer(int queueLength, long queueBytes) => Fatal(
        DisconnectCause.SlowConsumer,
        LeaveReason.Error,
        "Too slow: could not keep up with the room.",
        ErrorCode.SlowConsumer,
        $"Your client did not read what the room sent and fell too far behind (more than {queueLength} messages or {Size(queueBytes)} waiting); it was disconnected, and what was still waiting for it was dropped.");

    public static SessionEnd ExcessFlood() => Fatal(
        DisconnectCause.ExcessFlood,
        LeaveReason.Error,
        "Excess flood.",
        ErrorCode.RateLimited,
        "You kept sending far faster than allowed and were disconnected (excess flood).");

    public static SessionEnd InternalError(Exception error) => Fatal(
        DisconnectCause.InternalError,
        LeaveReason.Error,
        "Server error.",
        ErrorCode.InternalError,
        "The server failed while handling your connection; please reconnect.",
        error);

    /// <summary>An end decided by the room: a kick or the server's shutdown.</summary>
    public static SessionEnd Removed(LeaveReason reason, string text, EncodedMessage farewell) => reason switch
    {
        LeaveReason.Kicked => new(DisconnectCause.Kicked, reason, text, farewell),
        LeaveReason.ServerShutdown => new(DisconnectCause.ServerShutdown, reason, text, farewell),
        LeaveReason.Timeout => new(DisconnectCause.IdleTimeout, reason, text, farewell),
        LeaveReason.Quit => new(DisconnectCause.Quit, reason, text, farewell),
        _ => new(DisconnectCause.InternalError, reason, text, farewell),
    };

    private static SessionEnd Fatal(
        DisconnectCause cause, LeaveReason reason, string text, ErrorCode code, string clientText, Exception? error = null) =>
        new(cause, reason, text, EncodedMessage.Encode(new ErrorMessage(code, clientText) { Fatal = true }), error);

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.###} s";

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        _ => $"{bytes} bytes",
    };
}
