using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// A room's lines and their order: the log gives every line its id (per room, increasing, never
/// reused: a durable store goes on across restarts, a memory store while the server runs) and its
/// timestamp, and keeps the lines for newcomers and for catching up, and the room's topic.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Room"/> starts appends in order under its lock and publishes each line to its
/// members in the order the appends were started, when each completes. A log that completes
/// synchronously (<see cref="InMemoryRoomLog"/>) is today's hot path: the line is encoded once and
/// handed to the broadcaster at once, under the lock.
/// </para>
/// <para>
/// A log that completes later (SQLite, issue 15) lets the room go on: lines appended meanwhile and
/// whatever else the room publishes (presence, notices, topics) wait behind the pending line, so
/// members still see the room's order. A distributed log (Redis Streams, NATS JetStream) that
/// assigns the order across servers plugs in the same way: <see cref="AppendAsync"/> completes
/// with the id the log assigned, and local delivery follows the log's order, never the order in
/// which callers on this server happened to append; lines appended on other servers reach this
/// server's members through the same ordered publication.
/// </para>
/// <para>
/// The newest lines (<see cref="LogRange.Newest"/>) are read under the room's lock when someone
/// joins, so every log serves them synchronously from the tail it keeps in memory; reads of older
/// lines may complete later.
/// </para>
/// </remarks>
internal interface IRoomLog : IAsyncDisposable
{
    /// <summary>Appends a line; the log assigns its id and timestamp. May complete later than it starts.</summary>
    /// <param name="draft">What was said, and by whom.</param>
    /// <param name="cancellationToken">Gives up on the append.</param>
    /// <returns>The line as stored, with its id, timestamp and room.</returns>
    ValueTask<TextPosted> AppendAsync(LineDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Reads lines by id range, newest first or oldest first, at most <see cref="LogRange.Limit"/>.</summary>
    /// <param name="range">Which lines, in which order.</param>
    /// <param name="cancellationToken">Gives up on the read.</param>
    /// <returns>The lines in the order asked for.</returns>
    ValueTask<IReadOnlyList<TextPosted>> ReadAsync(LogRange range, CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest id of a line this log no longer keeps (retention or a full ring removed it, or, in
    /// memory, the room vanished and was made again); 0 when every line ever appended is still kept. A reader
    /// asking for lines after an id below this one is told there is a gap.
    /// </summary>
    long PrunedThroughId { get; }

    /// <summary>
    /// Finds the lines holding every word of a query (<see cref="SearchWords"/> says how a word
    /// matches), newest first, at most <see cref="SearchQuery.Limit"/>; callers ask one more than they
    /// show to learn whether more match.
    /// </summary>
    /// <param name="query">The words, the upper bound and the limit.</param>
    /// <param name="cancellationToken">Gives up on the search.</param>
    /// <returns>The lines found, newest first.</returns>
    ValueTask<IReadOnlyList<TextPosted>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The room's topic: the one stored when the log was opened (a durable store keeps it across
    /// restarts and while the room is gone), then the last one saved.
    /// </summary>
    RoomTopic Topic { get; }

    /// <summary>
    /// Keeps a new topic. A durable log writes it through its store's writer, in order with the lines
    /// appended before it; the task completes when it is stored (or faults when it could not be).
    /// </summary>
    /// <param name="topic">The topic, who set it and when.</param>
    /// <param name="cancellationToken">Gives up on waiting (not on the write).</param>
    /// <returns>A task that completes when the topic is stored.</returns>
    Task SaveTopicAsync(RoomTopic topic, CancellationToken cancellationToken = default);
}
