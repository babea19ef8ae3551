using MessagePack;

namespace Chat.Protocol;

/// <summary>Either way: the answer to a <see cref="Ping"/>.</summary>
/// <param name="Token">The token of the ping being answered.</param>
[MessagePackObject]
public sealed record Pong(
    [property: Key(0)] long Token) : ChatMessage;
