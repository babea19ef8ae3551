using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: something the client sent was refused, or the client is being
/// disconnected. After a fatal error the server closes the connection.
/// </summary>
/// <param name="Code">What went wrong, as a code a program can act on.</param>
/// <param name="Text">What went wrong, in words a person understands.</param>
/// <param name="Fatal"><see langword="true"/> when the server closes the connection after this message.</param>
[MessagePackObject]
public sealed record ErrorMessage(
    [property: Key(0)] ErrorCode Code,
    [property: Key(1)] string Text,
    [property: Key(2)] bool Fatal = false) : ChatMessage;
