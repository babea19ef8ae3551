using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// A room log in memory: the last lines (a ring of <see cref="ChatServerOptions.MemoryLinesPerRoom"/>),
/// ids counted from where the store says, every call completed synchronously. A line pushed out of
/// the ring is gone (<see cref="PrunedThroughId"/>); search reads the lines the ring keeps.
/// </summary>
/// <remarks>Not thread-safe by itself: <see cref="Room"/> calls it under its lock.</remarks>
internal sealed class InMemoryRoomLog : IRoomLog
{
    private readonly string _room;
    private readonly TimeProvider _time;
    private readonly LogRing<TextPosted> _lines;
    private readonly Action<InMemoryRoomLog>? _disposed;

    /// <summary>Creates an empty log.</summary>
    /// <param name="room">The room's name, carried by every line.</param>
    /// <param name="capacity">How many lines to keep; 0 keeps none.</param>
    /// <param name="time">The clock for timestamps.</param>
    /// <param name="lastId">The id before the first line's.</param>
    /// <param name="disposed">Told when the log is disposed, with its last id.</param>
    public InMemoryRoomLog(string room, int capacity, TimeProvider time, long lastId = 0, Action<InMemoryRoomLog>? disposed = null)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(lastId);
        _room = room;
        _time = time;
        _lines = new LogRing<TextPosted>(capacity);
        LastId = lastId;

        // The lines before lastId belonged to a room of this name (or another) that vanished: none is kept.
        PrunedThroughId = lastId;
        _disposed = disposed;
    }

    /// <summary>The id of the last line appended (or the one before the first).</summary>
    public long LastId { get; private set; }

    /// <summary>The room's name.</summary>
    public string Room => _room;

    public long PrunedThroughId { get; private set; }

    public RoomTopic Topic { get; private set; } = RoomTopic.None;

    public Task SaveTopicAsync(RoomTopic topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Topic = topic;
        return Task.CompletedTask;
    }

    public ValueTask<TextPosted> AppendAsync(LineDraft draft, CancellationToken cancellationToken = default)
    {
        var line = new TextPosted(++LastId, draft.Author, draft.Text, _time.GetUtcNow().UtcDateTime) { Kind = draft.Kind, Room = _room };
        if (_lines.Add(line) is { } lost)
        {
            PrunedThroughId = lost.Id;
        }

        return new ValueTask<TextPosted>(line);
    }

    public ValueTask<IReadOnlyList<TextPosted>> ReadAsync(LogRange range, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(range.Limit);
        var count = _lines.Count;
        var kept = new List<TextPosted>(Math.Min(range.Limit, count));
        for (var n = 0; n < count && kept.Count < range.Limit; n++)
        {
            var line = _lines[range.Order == LogOrder.NewestFirst ? count - 1 - n : n];
            if (line.Id > range.AfterId && line.Id < range.BeforeId)
            {
                kept.Add(line);
            }
        }

        return new ValueTask<IReadOnlyList<TextPosted>>(kept);
    }

    public ValueTask<IReadOnlyList<TextPosted>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        var found = new List<TextPosted>();
        var pattern = SearchWords.Compile(query.Words);
        for (var i = _lines.Count - 1; i >= 0 && found.Count < query.Limit; i--)
        {
            var line = _lines[i];
            if (line.Id < query.UpperBound && pattern.Matches(line.Text))
            {
                found.Add(line);
            }
        }

        return new ValueTask<IReadOnlyList<TextPosted>>(found);
    }

    public ValueTask DisposeAsync()
    {
        _disposed?.Invoke(this);
        return ValueTask.CompletedTask;
    }
}
