using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Either way: the answer to a <see cref="Ping"/>.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record Pong : ChatMessage
{
    /// <summary>Creates a <see cref="Pong"/> from its required fields.</summary>
    /// <param name="token">The token of the ping being answered.</param>
    [SerializationConstructor]
    public Pong(long token)
    {
        Token = token;
    }

    /// <summary>The token of the ping being answered.</summary>
    [Key(0)]
    public long Token { get; init; }
}
