using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server: a private message to one user. The server delivers a
/// <see cref="PrivateMessage"/> to the recipient and echoes it to the sender, or answers
/// with an <see cref="ErrorMessage"/> (<see cref="ErrorCode.UnknownUser"/>).
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record SendPrivate : ChatMessage
{
    /// <summary>Creates a <see cref="SendPrivate"/> from its required fields.</summary>
    /// <param name="to">The recipient's user name (any letter case).</param>
    /// <param name="text">What to say: one line, with no control characters.</param>
    [SerializationConstructor]
    public SendPrivate(string to, string text)
    {
        To = to;
        Text = text;
    }

    /// <summary>The recipient's user name (any letter case).</summary>
    [Key(0)]
    public string To { get; init; }

    /// <summary>What to say: one line, with no control characters.</summary>
    [Key(1)]
    public string Text { get; init; }

    /// <summary>Optional, <see cref="TextKind.Plain"/> when omitted: a plain line, or an action.</summary>
    [Key(2)]
    public TextKind Kind { get; init; }
}
