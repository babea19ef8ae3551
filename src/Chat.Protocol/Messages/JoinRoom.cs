using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server (version 2): join a room, creating it when it does not exist and the server lets users create rooms. The server answers with a <see cref="RoomJoined"/>, or with an <see cref="ErrorMessage"/> whose <see cref="ErrorMessage.Room"/> names the room.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record JoinRoom : ChatMessage
{
    /// <summary>Creates a <see cref="JoinRoom"/> from its required fields.</summary>
    /// <param name="room">The room's name, such as <c>#dev</c> (see <see cref="RoomNameRules"/>); any letter case.</param>
    [SerializationConstructor]
    public JoinRoom(string room)
    {
        Room = room;
    }

    /// <summary>The room's name, such as <c>#dev</c> (see <see cref="RoomNameRules"/>); any letter case.</summary>
    [Key(0)]
    public string Room { get; init; }
}
