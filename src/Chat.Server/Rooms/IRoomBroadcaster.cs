using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// A room's fan-out: delivers messages the room has sequenced and encoded to its members.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Room"/> decides what is said and in which order, and encodes each message
/// once; the broadcaster only carries the same bytes to every member. It is called under the
/// room's lock, one call at a time, so what it delivers reaches every member in the room's
/// order; it must never block. Each room has its own.
/// </para>
/// <para>
/// Today every member is a session of this process (<see cref="LocalRoomBroadcaster"/>). To let
/// several servers share one room, the room's log (<see cref="IRoomLog"/>) orders the lines across
/// servers and each server delivers to its local members through its broadcaster: the sessions
/// stay as they are.
/// </para>
/// </remarks>
internal interface IRoomBroadcaster
{
    /// <summary>Starts delivering broadcasts to a member.</summary>
    /// <param name="member">The member who joined.</param>
    void Add(IRoomMember member);

    /// <summary>Stops delivering to a member.</summary>
    /// <param name="member">The member who left.</param>
    void Remove(IRoomMember member);

    /// <summary>
    /// Delivers a message to every member of the audience; a presence notice (<see cref="UsersJoined"/>,
    /// <see cref="UsersLeft"/>) only to the members who hear presence (<see cref="IRoomMember.ReceivesPresence"/>).
    /// </summary>
    /// <param name="message">The encoded message.</param>
    /// <param name="except">Members who should not receive it (they know it already, or get their own version); <see langword="null"/> for none.</param>
    /// <param name="audience">Which members, by the protocol version they speak.</param>
    void Publish(EncodedMessage message, IReadOnlySet<IRoomMember>? except = null, Audience audience = Audience.Everyone);

    /// <summary>Delivers a message to one member.</summary>
    /// <param name="member">The recipient.</param>
    /// <param name="message">The encoded message.</param>
    void Send(IRoomMember member, EncodedMessage message);
}
