using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: the handshake failed. The server closes the connection after sending it.
/// </summary>
/// <param name="Reason">Why, as a code a program can act on.</param>
/// <param name="Text">Why, in words a person understands.</param>
[MessagePackObject]
public sealed record Rejected(
    [property: Key(0)] RejectReason Reason,
    [property: Key(1)] string Text) : ChatMessage;
