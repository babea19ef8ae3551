using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server (version 2): set the topic of a room the client is in. The server answers by sending a <see cref="TopicChanged"/> to the room's members, or with an <see cref="ErrorMessage"/>.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record SetTopic : ChatMessage
{
    /// <summary>Creates a <see cref="SetTopic"/> from its required fields.</summary>
    /// <param name="room">The room's name; any letter case.</param>
    /// <param name="topic">The new topic; an empty string clears it.</param>
    [SerializationConstructor]
    public SetTopic(string room, string topic)
    {
        Room = room;
        Topic = topic;
    }

    /// <summary>The room's name; any letter case.</summary>
    [Key(0)]
    public string Room { get; init; }

    /// <summary>The new topic; an empty string clears it.</summary>
    [Key(1)]
    public string Topic { get; init; }
}
