using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Either way: asks the peer to answer with a <see cref="Pong"/> carrying the same token.
/// The server pings an idle client to learn whether it is still there.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record Ping : ChatMessage
{
    /// <summary>Creates a <see cref="Ping"/> from its required fields.</summary>
    /// <param name="token">Any number; the pong returns it unchanged.</param>
    [SerializationConstructor]
    public Ping(long token)
    {
        Token = token;
    }

    /// <summary>Any number; the pong returns it unchanged.</summary>
    [Key(0)]
    public long Token { get; init; }
}
