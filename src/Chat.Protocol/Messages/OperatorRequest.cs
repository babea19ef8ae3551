using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server (version 2, when <see cref="Welcome.Operator"/> is <see langword="true"/>): one
/// operator command, written as the operator would type it on the server's console (for example
/// <c>ban 203.0.113.0/24 1d spam</c>; docs/protocol.md lists the commands). The server answers with
/// one <see cref="OperatorReply"/> carrying the same <see cref="RequestId"/>, or refuses a client that
/// is not an operator with an <see cref="ErrorMessage"/> (<see cref="ErrorCode.NotAllowed"/>) that carries it.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record OperatorRequest : ChatMessage
{
    /// <summary>Creates an <see cref="OperatorRequest"/> from its required fields.</summary>
    /// <param name="requestId">Chosen by the client; the answer or the refusal carries it back.</param>
    /// <param name="command">The command line, without a leading '/' (one is ignored).</param>
    [SerializationConstructor]
    public OperatorRequest(int requestId, string command)
    {
        RequestId = requestId;
        Command = command;
    }

    /// <summary>Chosen by the client; the answer or the refusal carries it back.</summary>
    [Key(0)]
    public int RequestId { get; init; }

    /// <summary>The command line, without a leading '/' (one is ignored).</summary>
    [Key(1)]
    public string Command { get; init; }
}
