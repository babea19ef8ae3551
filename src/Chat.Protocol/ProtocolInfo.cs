namespace Chat.Protocol;

/// <summary>Constants that both ends of a connection agree on.</summary>
public static class ProtocolInfo
{
    /// <summary>The highest protocol version this library speaks, sent in <see cref="Hello.ProtocolVersion"/>.</summary>
    public const int Version = 2;

    /// <summary>
    /// The lowest protocol version there is. A client speaks every version from this one up to the
    /// one it sends; a server answers with the lower of the client's and its own.
    /// </summary>
    public const int LowestVersion = 1;

    /// <summary>
    /// The largest frame body, in bytes, a server ever sends (16 MiB): every client must accept
    /// frames at least this large. A server guarantees it by construction (a welcome carries only
    /// the recent lines that fit; presence notices are split to fit).
    /// </summary>
    public const int MaxServerFrameLength = 16 * 1024 * 1024;

    /// <summary>The TCP port a ChatRoom server listens on unless told otherwise.</summary>
    public const int DefaultPort = 5000;

    /// <summary>The number of bytes in a frame's length prefix.</summary>
    public const int FramePrefixLength = 4;

    /// <summary>The largest frame body, in bytes, a client accepts from a server unless told otherwise: <see cref="MaxServerFrameLength"/>.</summary>
    public const int DefaultClientMaxFrameLength = MaxServerFrameLength;

    /// <summary>The largest frame body, in bytes, a server accepts from a client unless told otherwise (32 KiB).</summary>
    public const int DefaultServerMaxFrameLength = 32 * 1024;

    /// <summary>The longest text, in Unicode scalar values, a server accepts unless told otherwise.</summary>
    public const int DefaultMaxTextLength = 4000;

    /// <summary>The longest room topic (<see cref="SetTopic.Topic"/>), in Unicode scalar values (protocol version 2).</summary>
    public const int MaxTopicLength = 300;

    /// <summary>The longest away text (<see cref="SetAway.Text"/>), in Unicode scalar values (protocol version 2).</summary>
    public const int MaxAwayTextLength = 200;
}
