using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: one or more users entered the room. A server may gather the joins of
/// a short interval into one message.
/// </summary>
/// <param name="UserNames">The users who joined, in the order they joined.</param>
[MessagePackObject]
public sealed record UsersJoined(
    [property: Key(0)] IReadOnlyList<string> UserNames) : ChatMessage;
