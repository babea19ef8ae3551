using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: a private message, delivered to its recipient and echoed to its sender.
/// </summary>
/// <param name="From">The sender's user name.</param>
/// <param name="To">The recipient's user name.</param>
/// <param name="Text">What was said.</param>
/// <param name="Timestamp">When the server accepted it, in UTC.</param>
/// <param name="Kind">A plain line, or an action.</param>
[MessagePackObject]
public sealed record PrivateMessage(
    [property: Key(0)] string From,
    [property: Key(1)] string To,
    [property: Key(2)] string Text,
    [property: Key(3)] DateTime Timestamp,
    [property: Key(4)] TextKind Kind = TextKind.Plain) : ChatMessage;
