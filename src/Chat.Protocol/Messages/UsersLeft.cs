using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: one or more users left the room. A server may gather the departures of
/// a short interval into one message.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record UsersLeft : ChatMessage
{
    /// <summary>Creates a <see cref="UsersLeft"/> from its required fields.</summary>
    /// <param name="departures">Who left and why, in the order they left.</param>
    [SerializationConstructor]
    public UsersLeft(IReadOnlyList<Departure> departures)
    {
        Departures = departures;
    }

    /// <summary>Who left and why, in the order they left.</summary>
    [Key(0)]
    public IReadOnlyList<Departure> Departures { get; init; }

    /// <summary>Optional (version 2), empty when omitted: the room they left; an empty string means the default room.</summary>
    [Key(1)]
    public string Room { get; init; } = string.Empty;
}
