using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server (version 2): which rooms are there? The server answers with a <see cref="RoomList"/>.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record ListRooms : ChatMessage
{
    /// <summary>Creates a <see cref="ListRooms"/>; it has no fields.</summary>
    [SerializationConstructor]
    public ListRooms()
    {
    }
}
