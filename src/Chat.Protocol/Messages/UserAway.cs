using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client (version 2): a user went away or came back. Sent for each room the user is in, to the room's members (the user included), carrying that room's name; a user in no room receives one with an empty <see cref="Room"/>.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record UserAway : ChatMessage
{
    /// <summary>Creates a <see cref="UserAway"/> from its required fields.</summary>
    /// <param name="room">The room it is news in, or an empty string for the answer to a user in no room.</param>
    /// <param name="userName">Who.</param>
    /// <param name="text">The away text; an empty string: the user is back.</param>
    [SerializationConstructor]
    public UserAway(string room, string userName, string text)
    {
        Room = room;
        UserName = userName;
        Text = text;
    }

    /// <summary>The room it is news in, or an empty string for the answer to a user in no room.</summary>
    [Key(0)]
    public string Room { get; init; }

    /// <summary>Who.</summary>
    [Key(1)]
    public string UserName { get; init; }

    /// <summary>The away text; an empty string: the user is back.</summary>
    [Key(2)]
    public string Text { get; init; }
}
