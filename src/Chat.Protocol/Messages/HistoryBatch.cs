using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client (version 2): the answer to a <see cref="HistoryRequest"/>, the lines oldest
/// first. A <see cref="ChatClient"/> also hands the application the lines it caught up on after
/// reconnecting as history batches (with <see cref="RequestId"/> 0), so that lines replayed are never
/// mistaken for lines said now.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record HistoryBatch : ChatMessage
{
    /// <summary>Creates a <see cref="HistoryBatch"/> from its required fields.</summary>
    /// <param name="requestId">The <see cref="HistoryRequest.RequestId"/> this answers.</param>
    /// <param name="target">The room's name as the server shows it; for private messages, the other user's name as asked, or empty.</param>
    /// <param name="lines">A room's lines, oldest first; empty for private messages.</param>
    /// <param name="more">Whether the range asked for holds lines beyond this batch (older ones for a request answered from its newest end, newer ones for a request with an <see cref="HistoryRequest.AfterId"/>).</param>
    [SerializationConstructor]
    public HistoryBatch(int requestId, string target, IReadOnlyList<TextPosted> lines, bool more)
    {
        RequestId = requestId;
        Target = target;
        Lines = lines;
        More = more;
    }

    /// <summary>The <see cref="HistoryRequest.RequestId"/> this answers.</summary>
    [Key(0)]
    public int RequestId { get; init; }

    /// <summary>The room's name as the server shows it; for private messages, the other user's name as asked, or empty.</summary>
    [Key(1)]
    public string Target { get; init; }

    /// <summary>A room's lines, oldest first; empty for private messages.</summary>
    [Key(2)]
    public IReadOnlyList<TextPosted> Lines { get; init; }

    /// <summary>Whether the range asked for holds lines beyond this batch (older ones for a request answered from its newest end, newer ones for a request with an <see cref="HistoryRequest.AfterId"/>).</summary>
    [Key(3)]
    public bool More { get; init; }

    /// <summary>
    /// Optional, <see langword="false"/> when omitted: lines just after <see cref="HistoryRequest.AfterId"/>
    /// are no longer kept (retention removed them, or the history began again), so this batch does not
    /// follow on from that id: there is a gap before its first line.
    /// </summary>
    [Key(4)]
    public bool Gap { get; init; }

    /// <summary>Optional, <see langword="false"/> when omitted: the batch holds private messages (<see cref="PrivateLines"/>), not a room's lines.</summary>
    [Key(5)]
    public bool Private { get; init; }

    /// <summary>Optional, empty when omitted: private messages to or from this user, oldest first.</summary>
    [Key(6)]
    public IReadOnlyList<PrivateMessage> PrivateLines { get; init; } = [];
}
