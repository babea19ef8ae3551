using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client (version 2): a user took another name. Sent for each room the user is in, to the room's members (the user included), carrying that room's name; a user in no room receives one with an empty <see cref="Room"/>.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record UserRenamed : ChatMessage
{
    /// <summary>Creates a <see cref="UserRenamed"/> from its required fields.</summary>
    /// <param name="room">The room it is news in, or an empty string for the answer to a user in no room.</param>
    /// <param name="oldName">The name the user had.</param>
    /// <param name="newName">The name the user has now.</param>
    [SerializationConstructor]
    public UserRenamed(string room, string oldName, string newName)
    {
        Room = room;
        OldName = oldName;
        NewName = newName;
    }

    /// <summary>The room it is news in, or an empty string for the answer to a user in no room.</summary>
    [Key(0)]
    public string Room { get; init; }

    /// <summary>The name the user had.</summary>
    [Key(1)]
    public string OldName { get; init; }

    /// <summary>The name the user has now.</summary>
    [Key(2)]
    public string NewName { get; init; }
}
