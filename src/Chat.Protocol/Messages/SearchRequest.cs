using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server (version 2, when <see cref="Welcome.HistoryLimit"/> is above 0): which lines of a
/// room hold these words? The server answers with one <see cref="SearchResults"/> carrying the same
/// <see cref="RequestId"/>, newest first, or refuses with an <see cref="ErrorMessage"/> that carries it.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record SearchRequest : ChatMessage
{
    /// <summary>Creates a <see cref="SearchRequest"/> from its required fields.</summary>
    /// <param name="requestId">Chosen by the client; the answer or the refusal carries it back.</param>
    /// <param name="room">The room's name; empty for the default room.</param>
    /// <param name="words">The words every line found holds (docs/protocol.md says how words match).</param>
    /// <param name="beforeId">Only lines with a lower id (the next page: the id of the oldest line found so far); 0 for no bound.</param>
    /// <param name="limit">The most lines wanted; 0, or more than <see cref="Welcome.HistoryLimit"/>, means that limit.</param>
    [SerializationConstructor]
    public SearchRequest(int requestId, string room, string words, long beforeId, int limit)
    {
        RequestId = requestId;
        Room = room;
        Words = words;
        BeforeId = beforeId;
        Limit = limit;
    }

    /// <summary>Chosen by the client; the answer or the refusal carries it back.</summary>
    [Key(0)]
    public int RequestId { get; init; }

    /// <summary>The room's name; empty for the default room.</summary>
    [Key(1)]
    public string Room { get; init; }

    /// <summary>The words every line found holds (docs/protocol.md says how words match).</summary>
    [Key(2)]
    public string Words { get; init; }

    /// <summary>Only lines with a lower id (the next page: the id of the oldest line found so far); 0 for no bound.</summary>
    [Key(3)]
    public long BeforeId { get; init; }

    /// <summary>The most lines wanted; 0, or more than <see cref="Welcome.HistoryLimit"/>, means that limit.</summary>
    [Key(4)]
    public int Limit { get; init; }
}
