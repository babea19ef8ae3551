using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server (version 2, when <see cref="Welcome.HistoryLimit"/> is above 0): which lines did a
/// room (or a private conversation) hold? Modelled on IRCv3 CHATHISTORY. The server answers with one
/// <see cref="HistoryBatch"/> carrying the same <see cref="RequestId"/>, or refuses with an
/// <see cref="ErrorMessage"/> that carries it.
/// </summary>
/// <remarks>
/// <para>
/// The bounds select the lines: none is the latest lines; <see cref="BeforeId"/> alone the lines just
/// before an id; <see cref="AfterId"/> alone the lines just after an id; both, the lines between two
/// ids. Both bounds are exclusive. A request with <see cref="AfterId"/> is answered from its oldest
/// end, any other from its newest end; the answer is always oldest first.
/// </para>
/// <para>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </para>
/// </remarks>
[MessagePackObject]
public sealed record HistoryRequest : ChatMessage
{
    /// <summary>Creates a <see cref="HistoryRequest"/> from its required fields.</summary>
    /// <param name="requestId">Chosen by the client; the answer or the refusal carries it back.</param>
    /// <param name="target">The room's name (empty for the default room); with <see cref="Private"/>, the other user's name, or empty for every private message of this user.</param>
    /// <param name="afterId">Only lines with a higher id; 0 for no lower bound.</param>
    /// <param name="beforeId">Only lines with a lower id; 0 for no upper bound.</param>
    /// <param name="limit">The most lines wanted; 0, or more than <see cref="Welcome.HistoryLimit"/>, means that limit.</param>
    [SerializationConstructor]
    public HistoryRequest(int requestId, string target, long afterId, long beforeId, int limit)
    {
        RequestId = requestId;
        Target = target;
        AfterId = afterId;
        BeforeId = beforeId;
        Limit = limit;
    }

    /// <summary>Chosen by the client; the answer or the refusal carries it back.</summary>
    [Key(0)]
    public int RequestId { get; init; }

    /// <summary>The room's name (empty for the default room); with <see cref="Private"/>, the other user's name, or empty for every private message of this user.</summary>
    [Key(1)]
    public string Target { get; init; }

    /// <summary>Only lines with a higher id; 0 for no lower bound.</summary>
    [Key(2)]
    public long AfterId { get; init; }

    /// <summary>Only lines with a lower id; 0 for no upper bound.</summary>
    [Key(3)]
    public long BeforeId { get; init; }

    /// <summary>The most lines wanted; 0, or more than <see cref="Welcome.HistoryLimit"/>, means that limit.</summary>
    [Key(4)]
    public int Limit { get; init; }

    /// <summary>Optional, <see langword="false"/> when omitted: the request is about private messages (<see cref="PrivateMessage.Id"/>), not a room.</summary>
    [Key(5)]
    public bool Private { get; init; }
}
