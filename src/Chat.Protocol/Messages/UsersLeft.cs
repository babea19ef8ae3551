using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: one or more users left the room. A server may gather the departures of
/// a short interval into one message.
/// </summary>
/// <param name="Departures">Who left and why, in the order they left.</param>
[MessagePackObject]
public sealed record UsersLeft(
    [property: Key(0)] IReadOnlyList<Departure> Departures) : ChatMessage;
