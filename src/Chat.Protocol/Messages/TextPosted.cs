using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: a line was posted in the room. Every client receives every line in
/// the same order, the order of <see cref="Id"/>.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record TextPosted : ChatMessage
{
    /// <summary>Creates a <see cref="TextPosted"/> from its required fields.</summary>
    /// <param name="id">The server's sequence number for this line: increasing, never reused while the server runs.</param>
    /// <param name="author">Who said it.</param>
    /// <param name="text">What was said.</param>
    /// <param name="timestamp">When the server accepted it, in UTC.</param>
    [SerializationConstructor]
    public TextPosted(long id, string author, string text, DateTime timestamp)
    {
        Id = id;
        Author = author;
        Text = text;
        Timestamp = timestamp;
    }

    /// <summary>The server's sequence number for this line: increasing, never reused while the server runs.</summary>
    [Key(0)]
    public long Id { get; init; }

    /// <summary>Who said it.</summary>
    [Key(1)]
    public string Author { get; init; }

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
    /// Optional (version 2), empty when omitted: the room the line was posted in; an empty string
    /// means the default room (<see cref="Welcome.Room"/>). <see cref="Id"/> counts per room.
    /// </summary>
    [Key(5)]
    public string Room { get; init; } = string.Empty;
}
