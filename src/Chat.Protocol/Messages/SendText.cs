using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server: say something in the room. The server answers by posting a
/// <see cref="TextPosted"/> to everyone, the sender included, or with an <see cref="ErrorMessage"/>.
/// </summary>
/// <param name="Text">What to say: one line, with no control characters.</param>
/// <param name="Kind">A plain line, or an action ("/me waves").</param>
[MessagePackObject]
public sealed record SendText(
    [property: Key(0)] string Text,
    [property: Key(1)] TextKind Kind = TextKind.Plain) : ChatMessage;
