using MessagePack;

namespace Chat.Protocol;

/// <summary>One user leaving the room, as carried by <see cref="UsersLeft"/>.</summary>
/// <param name="UserName">Who left.</param>
/// <param name="Reason">Why, as a code.</param>
/// <param name="Text">The user's goodbye text, the kick reason, or the error; may be empty.</param>
[MessagePackObject]
public sealed record Departure(
    [property: Key(0)] string UserName,
    [property: Key(1)] LeaveReason Reason,
    [property: Key(2)] string Text = "");
