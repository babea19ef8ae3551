using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Either way: asks the peer to answer with a <see cref="Pong"/> carrying the same token.
/// The server pings an idle client to learn whether it is still there.
/// </summary>
/// <param name="Token">Any number; the pong returns it unchanged.</param>
[MessagePackObject]
public sealed record Ping(
    [property: Key(0)] long Token) : ChatMessage;
