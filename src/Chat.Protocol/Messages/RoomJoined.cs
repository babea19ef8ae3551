using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client (version 2): the client is now a member of a room; what the room looks like at that moment. From then on the client receives the room's lines and presence, each carrying the room's name.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record RoomJoined : ChatMessage
{
    /// <summary>Creates a <see cref="RoomJoined"/> from its required fields.</summary>
    /// <param name="room">The room's name, exactly as the server shows it.</param>
    /// <param name="topic">The room's topic, or an empty string.</param>
    /// <param name="users">Everyone in the room, the client included; empty when the client asked for no presence (<see cref="Hello.OmitPresence"/>).</param>
    /// <param name="recent">The room's most recent lines, oldest first.</param>
    /// <param name="userCount">How many are in the room, the client included.</param>
    [SerializationConstructor]
    public RoomJoined(string room, string topic, IReadOnlyList<string> users, IReadOnlyList<TextPosted> recent, int userCount)
    {
        Room = room;
        Topic = topic;
        Users = users;
        Recent = recent;
        UserCount = userCount;
    }

    /// <summary>The room's name, exactly as the server shows it.</summary>
    [Key(0)]
    public string Room { get; init; }

    /// <summary>The room's topic, or an empty string.</summary>
    [Key(1)]
    public string Topic { get; init; }

    /// <summary>Everyone in the room, the client included; empty when the client asked for no presence (<see cref="Hello.OmitPresence"/>).</summary>
    [Key(2)]
    public IReadOnlyList<string> Users { get; init; }

    /// <summary>The room's most recent lines, oldest first.</summary>
    [Key(3)]
    public IReadOnlyList<TextPosted> Recent { get; init; }

    /// <summary>How many are in the room, the client included.</summary>
    [Key(4)]
    public int UserCount { get; init; }

    /// <summary>Optional, empty when omitted: the users of <see cref="Users"/> who are away.</summary>
    [Key(5)]
    public IReadOnlyList<string> AwayUsers { get; init; } = [];
}
