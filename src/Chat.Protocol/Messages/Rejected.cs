using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: the handshake failed. The server closes the connection after sending it.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record Rejected : ChatMessage
{
    /// <summary>Creates a <see cref="Rejected"/> from its required fields.</summary>
    /// <param name="reason">Why, as a code a program can act on.</param>
    /// <param name="text">Why, in words a person understands.</param>
    [SerializationConstructor]
    public Rejected(RejectReason reason, string text)
    {
        Reason = reason;
        Text = text;
    }

    /// <summary>Why, as a code a program can act on.</summary>
    [Key(0)]
    public RejectReason Reason { get; init; }

    /// <summary>Why, in words a person understands.</summary>
    [Key(1)]
    public string Text { get; init; }

    /// <summary>
    /// Optional (version 2), <see langword="null"/> (nil) when omitted: for <see cref="RejectReason.Banned"/>,
    /// when the ban ends (UTC); <see langword="null"/> for a ban without an end.
    /// </summary>
    [Key(2)]
    public DateTime? Until { get; init; }
}
