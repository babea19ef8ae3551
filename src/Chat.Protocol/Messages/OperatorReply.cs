using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client (version 2): the answer to an <see cref="OperatorRequest"/>: what the server's
/// console would have printed, a line each.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record OperatorReply : ChatMessage
{
    /// <summary>Creates an <see cref="OperatorReply"/> from its required fields.</summary>
    /// <param name="requestId">The <see cref="OperatorRequest.RequestId"/> this answers.</param>
    /// <param name="lines">What the command printed, a line each, without line breaks.</param>
    [SerializationConstructor]
    public OperatorReply(int requestId, IReadOnlyList<string> lines)
    {
        RequestId = requestId;
        Lines = lines;
    }

    /// <summary>The <see cref="OperatorRequest.RequestId"/> this answers.</summary>
    [Key(0)]
    public int RequestId { get; init; }

    /// <summary>What the command printed, a line each, without line breaks.</summary>
    [Key(1)]
    public IReadOnlyList<string> Lines { get; init; }

    /// <summary>Optional, <see langword="false"/> when omitted: <see langword="true"/> when the command was not carried out (unknown, used wrongly, or refused); <see cref="Lines"/> says why.</summary>
    [Key(2)]
    public bool Failed { get; init; }
}
