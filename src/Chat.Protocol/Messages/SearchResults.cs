using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client (version 2): the answer to a <see cref="SearchRequest"/>: the lines found, newest first.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record SearchResults : ChatMessage
{
    /// <summary>Creates a <see cref="SearchResults"/> from its required fields.</summary>
    /// <param name="requestId">The <see cref="SearchRequest.RequestId"/> this answers.</param>
    /// <param name="room">The room's name as the server shows it.</param>
    /// <param name="lines">The lines found, newest first.</param>
    /// <param name="more">Whether older lines match too: ask again with <see cref="SearchRequest.BeforeId"/> the id of the last line here.</param>
    [SerializationConstructor]
    public SearchResults(int requestId, string room, IReadOnlyList<TextPosted> lines, bool more)
    {
        RequestId = requestId;
        Room = room;
        Lines = lines;
        More = more;
    }

    /// <summary>The <see cref="SearchRequest.RequestId"/> this answers.</summary>
    [Key(0)]
    public int RequestId { get; init; }

    /// <summary>The room's name as the server shows it.</summary>
    [Key(1)]
    public string Room { get; init; }

    /// <summary>The lines found, newest first.</summary>
    [Key(2)]
    public IReadOnlyList<TextPosted> Lines { get; init; }

    /// <summary>Whether older lines match too: ask again with <see cref="SearchRequest.BeforeId"/> the id of the last line here.</summary>
    [Key(3)]
    public bool More { get; init; }
}
