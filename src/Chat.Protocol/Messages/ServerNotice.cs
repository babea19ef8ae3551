using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: a notice from the server or its operator, shown to the user but not
/// part of the room's numbered conversation.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record ServerNotice : ChatMessage
{
    /// <summary>Creates a <see cref="ServerNotice"/> from its required fields.</summary>
    /// <param name="text">The notice.</param>
    /// <param name="timestamp">When the server sent it, in UTC.</param>
    [SerializationConstructor]
    public ServerNotice(string text, DateTime timestamp)
    {
        Text = text;
        Timestamp = timestamp;
    }

    /// <summary>The notice.</summary>
    [Key(0)]
    public string Text { get; init; }

    /// <summary>When the server sent it, in UTC.</summary>
    [Key(1)]
    public DateTime Timestamp { get; init; }

    /// <summary>Optional (version 2), empty when omitted: the room the notice was sent to; an empty string: the whole server.</summary>
    [Key(2)]
    public string Room { get; init; } = string.Empty;
}
