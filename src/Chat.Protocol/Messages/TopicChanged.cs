using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client (version 2): a room's topic was set.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record TopicChanged : ChatMessage
{
    /// <summary>Creates a <see cref="TopicChanged"/> from its required fields.</summary>
    /// <param name="room">The room's name, exactly as the server shows it.</param>
    /// <param name="topic">The new topic, or an empty string when it was cleared.</param>
    /// <param name="setBy">Who set it: a user, or <see cref="UserNameRules.ReservedName"/> for the operator.</param>
    /// <param name="timestamp">When the server set it, in UTC.</param>
    [SerializationConstructor]
    public TopicChanged(string room, string topic, string setBy, DateTime timestamp)
    {
        Room = room;
        Topic = topic;
        SetBy = setBy;
        Timestamp = timestamp;
    }

    /// <summary>The room's name, exactly as the server shows it.</summary>
    [Key(0)]
    public string Room { get; init; }

    /// <summary>The new topic, or an empty string when it was cleared.</summary>
    [Key(1)]
    public string Topic { get; init; }

    /// <summary>Who set it: a user, or <see cref="UserNameRules.ReservedName"/> for the operator.</summary>
    [Key(2)]
    public string SetBy { get; init; }

    /// <summary>When the server set it, in UTC.</summary>
    [Key(3)]
    public DateTime Timestamp { get; init; }
}
