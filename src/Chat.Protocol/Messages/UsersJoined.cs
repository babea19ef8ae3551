using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: one or more users entered the room. A server may gather the joins of
/// a short interval into one message.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record UsersJoined : ChatMessage
{
    /// <summary>Creates a <see cref="UsersJoined"/> from its required fields.</summary>
    /// <param name="userNames">The users who joined, in the order they joined.</param>
    [SerializationConstructor]
    public UsersJoined(IReadOnlyList<string> userNames)
    {
        UserNames = userNames;
    }

    /// <summary>The users who joined, in the order they joined.</summary>
    [Key(0)]
    public IReadOnlyList<string> UserNames { get; init; }

    /// <summary>Optional (version 2), empty when omitted: the room they entered; an empty string means the default room.</summary>
    [Key(1)]
    public string Room { get; init; } = string.Empty;
}
