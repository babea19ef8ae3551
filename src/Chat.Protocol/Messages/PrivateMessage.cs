using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: a private message, delivered to its recipient and echoed to its sender.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record PrivateMessage : ChatMessage
{
    /// <summary>Creates a <see cref="PrivateMessage"/> from its required fields.</summary>
    /// <param name="from">The sender's user name.</param>
    /// <param name="to">The recipient's user name.</param>
    /// <param name="text">What was said.</param>
    /// <param name="timestamp">When the server accepted it, in UTC.</param>
    [SerializationConstructor]
    public PrivateMessage(string from, string to, string text, DateTime timestamp)
    {
        From = from;
        To = to;
        Text = text;
        Timestamp = timestamp;
    }

    /// <summary>The sender's user name.</summary>
    [Key(0)]
    public string From { get; init; }

    /// <summary>The recipient's user name.</summary>
    [Key(1)]
    public string To { get; init; }

    /// <summary>What was said.</summary>
    [Key(2)]
    public string Text { get; init; }

    /// <summary>When the server accepted it, in UTC.</summary>
    [Key(3)]
    public DateTime Timestamp { get; init; }

    /// <summary>Optional, <see cref="TextKind.Plain"/> when omitted: a plain line, or an action.</summary>
    [Key(4)]
    public TextKind Kind { get; init; }

    /// <summary>
    /// Optional (version 2), empty when omitted: on the copy echoed to the sender, the recipient's away
    /// text when the recipient is away (<see cref="SetAway"/>); otherwise an empty string.
    /// </summary>
    [Key(5)]
    public string RecipientAway { get; init; } = string.Empty;

    /// <summary>
    /// Optional (version 2), 0 when omitted: the server's id for this private message, one sequence
    /// for all of them, increasing (ask for the ones after it with a private <see cref="HistoryRequest"/>);
    /// 0 from a server that does not keep private messages.
    /// </summary>
    [Key(6)]
    public long Id { get; init; }
}
