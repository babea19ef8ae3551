namespace Chat.Protocol.Wire;

/// <summary>
/// A message encoded once into a whole frame, so that the same bytes can be sent to many
/// connections without encoding again. Instances are immutable and safe to share.
/// </summary>
/// <remarks>Part of the wire layer (<c>Chat.Protocol.Wire</c>), for servers, transports and tools; an app talks to a server through <see cref="ChatClient"/>.</remarks>
public sealed class EncodedMessage
{
    private EncodedMessage(ChatMessage message, ReadOnlyMemory<byte> frame)
    {
        Message = message;
        Frame = frame;
    }

    /// <summary>The message that was encoded.</summary>
    public ChatMessage Message { get; }

    /// <summary>The whole frame: the 4-byte length prefix and the MessagePack body.</summary>
    public ReadOnlyMemory<byte> Frame { get; }

    /// <summary>Encodes a message.</summary>
    /// <param name="message">The message to encode.</param>
    /// <returns>The encoded message.</returns>
    public static EncodedMessage Encode(ChatMessage message) => new(message, MessageSerializer.ToFrame(message));
}
