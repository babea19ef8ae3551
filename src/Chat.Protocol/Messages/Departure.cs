using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// One user leaving the room, as carried by <see cref="UsersLeft"/>.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record Departure
{
    /// <summary>Creates a <see cref="Departure"/> from its required fields.</summary>
    /// <param name="userName">Who left.</param>
    /// <param name="reason">Why, as a code.</param>
    [SerializationConstructor]
    public Departure(string userName, LeaveReason reason)
    {
        UserName = userName;
        Reason = reason;
    }

    /// <summary>Who left.</summary>
    [Key(0)]
    public string UserName { get; init; }

    /// <summary>Why, as a code.</summary>
    [Key(1)]
    public LeaveReason Reason { get; init; }

    /// <summary>Optional, empty when omitted: the user's goodbye text, the kick reason, or the error.</summary>
    [Key(2)]
    public string Text { get; init; } = string.Empty;
}
