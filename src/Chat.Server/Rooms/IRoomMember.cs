using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// A user as the rooms and the user directory see them: someone to hand messages to and, when the
/// operator or the server decides so, to send away. A <see cref="ClientSession"/> is one; it may
/// be in many rooms and in none.
/// </summary>
internal interface IRoomMember
{
    /// <summary>The user's name, exactly as the rooms show it. Changes only on the user's own rename.</summary>
    string Name { get; }

    /// <summary>
    /// Whether the user hears presence: the user list in the welcome and the join and leave
    /// notices. Off for a client that asked to be left out of it (<see cref="Hello.OmitPresence"/>);
    /// the others still hear of this user.
    /// </summary>
    bool ReceivesPresence { get; }

    /// <summary>
    /// Whether the user's connection speaks protocol version 2 (rooms): one that does not receives
    /// nothing of version 2 (<see cref="Audience"/>) and is only ever in the default room.
    /// </summary>
    bool SpeaksRooms { get; }

    /// <summary>The user's away text; empty while they are here.</summary>
    string AwayText { get; }

    /// <summary>
    /// Hands over a message for this user. Never blocks: a member that cannot keep up drops
    /// itself instead of making the room wait.
    /// </summary>
    /// <param name="message">The message, encoded once and shared with every other recipient.</param>
    void Deliver(EncodedMessage message);

    /// <summary>
    /// Sends the user away: <paramref name="farewell"/> is the last message they receive, then the
    /// connection closes and every room they are in is told that they left for <paramref name="reason"/>.
    /// Returns at once; the member leaves its rooms shortly after.
    /// </summary>
    /// <param name="reason">Why, as the others are told.</param>
    /// <param name="text">Why, in words, as the others are told; may be empty.</param>
    /// <param name="farewell">The last message for the user, such as a fatal error or the shutdown notice.</param>
    void Remove(LeaveReason reason, string text, EncodedMessage farewell);
}
