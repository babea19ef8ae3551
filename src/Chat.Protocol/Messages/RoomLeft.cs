using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client (version 2): the client is no longer a member of a room; it receives nothing more of it. The connection stays open.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record RoomLeft : ChatMessage
{
    /// <summary>Creates a <see cref="RoomLeft"/> from its required fields.</summary>
    /// <param name="room">The room's name, exactly as the server shows it.</param>
    /// <param name="reason">Why: <see cref="LeaveReason.Parted"/> when the client asked to leave.</param>
    [SerializationConstructor]
    public RoomLeft(string room, LeaveReason reason)
    {
        Room = room;
        Reason = reason;
    }

    /// <summary>The room's name, exactly as the server shows it.</summary>
    [Key(0)]
    public string Room { get; init; }

    /// <summary>Why: <see cref="LeaveReason.Parted"/> when the client asked to leave.</summary>
    [Key(1)]
    public LeaveReason Reason { get; init; }
}
