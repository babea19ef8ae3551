using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server: say something in the room. The server answers by posting a
/// <see cref="TextPosted"/> to everyone, the sender included, or with an <see cref="ErrorMessage"/>.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record SendText : ChatMessage
{
    /// <summary>Creates a <see cref="SendText"/> from its required fields.</summary>
    /// <param name="text">What to say: one line, with no control characters.</param>
    [SerializationConstructor]
    public SendText(string text)
    {
        Text = text;
    }

    /// <summary>What to say: one line, with no control characters.</summary>
    [Key(0)]
    public string Text { get; init; }

    /// <summary>Optional, <see cref="TextKind.Plain"/> when omitted: a plain line, or an action ("/me waves").</summary>
    [Key(1)]
    public TextKind Kind { get; init; }

    /// <summary>
    /// Optional (version 2), empty when omitted: the room to say it in, one the client is a member of;
    /// an empty string means the default room (<see cref="Welcome.Room"/>).
    /// </summary>
    [Key(2)]
    public string Room { get; init; } = string.Empty;
}
