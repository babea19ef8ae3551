using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: a line was posted in the room. Every client receives every line in
/// the same order, the order of <paramref name="Id"/>.
/// </summary>
/// <param name="Id">The server's sequence number for this line: increasing, never reused while the server runs.</param>
/// <param name="Author">Who said it; "Server" for the operator.</param>
/// <param name="Text">What was said.</param>
/// <param name="Timestamp">When the server accepted it, in UTC.</param>
/// <param name="Kind">A plain line, or an action.</param>
[MessagePackObject]
public sealed record TextPosted(
    [property: Key(0)] long Id,
    [property: Key(1)] string Author,
    [property: Key(2)] string Text,
    [property: Key(3)] DateTime Timestamp,
    [property: Key(4)] TextKind Kind = TextKind.Plain) : ChatMessage;
