using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server: the client is leaving. The server tells the room (with
/// <see cref="LeaveReason.Quit"/>) and closes the connection.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record Goodbye : ChatMessage
{
    /// <summary>Creates a <see cref="Goodbye"/> from its required fields; every field is optional.</summary>
    [SerializationConstructor]
    public Goodbye()
    {
    }

    /// <summary>Creates a <see cref="Goodbye"/> with a parting message.</summary>
    /// <param name="text">The parting message, shown to the others; may be empty.</param>
    public Goodbye(string text)
    {
        Text = text;
    }

    /// <summary>Optional, empty when omitted: a parting message, shown to the others.</summary>
    [Key(0)]
    public string Text { get; init; } = string.Empty;
}
