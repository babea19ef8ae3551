using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// One room as listed by <see cref="RoomList"/>: its name, how many are in it, and its topic.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record RoomInfo
{
    /// <summary>Creates a <see cref="RoomInfo"/> from its required fields.</summary>
    /// <param name="name">The room's name, exactly as the server shows it.</param>
    /// <param name="userCount">How many users are in the room.</param>
    /// <param name="topic">The room's topic, or an empty string.</param>
    [SerializationConstructor]
    public RoomInfo(string name, int userCount, string topic)
    {
        Name = name;
        UserCount = userCount;
        Topic = topic;
    }

    /// <summary>The room's name, exactly as the server shows it.</summary>
    [Key(0)]
    public string Name { get; init; }

    /// <summary>How many users are in the room.</summary>
    [Key(1)]
    public int UserCount { get; init; }

    /// <summary>The room's topic, or an empty string.</summary>
    [Key(2)]
    public string Topic { get; init; }
}
