using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client (version 2): the rooms of the server, the answer to a <see cref="ListRooms"/>.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record RoomList : ChatMessage
{
    /// <summary>Creates a <see cref="RoomList"/> from its required fields.</summary>
    /// <param name="rooms">Every room, sorted by name.</param>
    [SerializationConstructor]
    public RoomList(IReadOnlyList<RoomInfo> rooms)
    {
        Rooms = rooms;
    }

    /// <summary>Every room, sorted by name.</summary>
    [Key(0)]
    public IReadOnlyList<RoomInfo> Rooms { get; init; }
}
