using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server (version 2): mark the user away, with a text, or back (an empty text). Everyone who shares a room with the user receives a <see cref="UserAway"/>, and a private message to an away user brings the away text back to its sender.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record SetAway : ChatMessage
{
    /// <summary>Creates a <see cref="SetAway"/> from its required fields.</summary>
    /// <param name="text">Why the user is away; an empty string: the user is back.</param>
    [SerializationConstructor]
    public SetAway(string text)
    {
        Text = text;
    }

    /// <summary>Why the user is away; an empty string: the user is back.</summary>
    [Key(0)]
    public string Text { get; init; }
}
