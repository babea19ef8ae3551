namespace Chat.Protocol;

/// <summary>Constants that both ends of a connection agree on.</summary>
public static class ProtocolInfo
{
    /// <summary>The protocol version this library speaks, sent in <see cref="Hello.ProtocolVersion"/>.</summary>
    public const int Version = 1;

    /// <summary>The TCP port a ChatRoom server listens on unless told otherwise.</summary>
    public const int DefaultPort = 5000;

    /// <summary>The number of bytes in a frame's length prefix.</summary>
    public const int FramePrefixLength = 4;

    /// <summary>The largest frame body, in bytes, a client accepts from a server unless told otherwise (16 MiB).</summary>
    public const int DefaultClientMaxFrameLength = 16 * 1024 * 1024;

    /// <summary>The largest frame body, in bytes, a server accepts from a client unless told otherwise (32 KiB).</summary>
    public const int DefaultServerMaxFrameLength = 32 * 1024;

    /// <summary>The longest text, in Unicode scalar values, a server accepts unless told otherwise.</summary>
    public const int DefaultMaxTextLength = 4000;
}
