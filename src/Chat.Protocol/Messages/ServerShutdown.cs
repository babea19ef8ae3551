using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: the server is shutting down and will close the connection next.
/// </summary>
/// <param name="Text">Why, in words a person understands.</param>
[MessagePackObject]
public sealed record ServerShutdown(
    [property: Key(0)] string Text) : ChatMessage;
