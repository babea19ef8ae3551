using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: the server is shutting down and will close the connection next.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record ServerShutdown : ChatMessage
{
    /// <summary>Creates a <see cref="ServerShutdown"/> from its required fields.</summary>
    /// <param name="text">Why, in words a person understands.</param>
    [SerializationConstructor]
    public ServerShutdown(string text)
    {
        Text = text;
    }

    /// <summary>Why, in words a person understands.</summary>
    [Key(0)]
    public string Text { get; init; }
}
