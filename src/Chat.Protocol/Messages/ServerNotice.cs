using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: a notice from the server or its operator, shown to the user but not
/// part of the room's numbered conversation.
/// </summary>
/// <param name="Text">The notice.</param>
/// <param name="Timestamp">When the server sent it, in UTC.</param>
[MessagePackObject]
public sealed record ServerNotice(
    [property: Key(0)] string Text,
    [property: Key(1)] DateTime Timestamp) : ChatMessage;
