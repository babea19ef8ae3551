using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server (version 2): leave a room and stay connected. The server answers with a <see cref="RoomLeft"/>, or with an <see cref="ErrorMessage"/> whose <see cref="ErrorMessage.Room"/> names the room.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record LeaveRoom : ChatMessage
{
    /// <summary>Creates a <see cref="LeaveRoom"/> from its required fields.</summary>
    /// <param name="room">The room's name; any letter case.</param>
    [SerializationConstructor]
    public LeaveRoom(string room)
    {
        Room = room;
    }

    /// <summary>The room's name; any letter case.</summary>
    [Key(0)]
    public string Room { get; init; }

    /// <summary>Optional, empty when omitted: a parting message, shown to the room's members.</summary>
    [Key(1)]
    public string Text { get; init; } = string.Empty;
}
