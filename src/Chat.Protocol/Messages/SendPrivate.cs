using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server: a private message to one user. The server delivers a
/// <see cref="PrivateMessage"/> to the recipient and echoes it to the sender, or answers
/// with an <see cref="ErrorMessage"/> (<see cref="ErrorCode.UnknownUser"/>).
/// </summary>
/// <param name="To">The recipient's user name (any letter case).</param>
/// <param name="Text">What to say: one line, with no control characters.</param>
/// <param name="Kind">A plain line, or an action.</param>
[MessagePackObject]
public sealed record SendPrivate(
    [property: Key(0)] string To,
    [property: Key(1)] string Text,
    [property: Key(2)] TextKind Kind = TextKind.Plain) : ChatMessage;
