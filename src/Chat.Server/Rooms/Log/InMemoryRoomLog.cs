using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// A room log in memory: the last lines (a ring of <see cref="ChatServerOptions.HistoryLength"/>),
/// ids counted from where the store says, every call completed synchronously.
/// </summary>
/// <remarks>Not thread-safe by itself: <see cref="Room"/> calls it under its lock.</remarks>
internal sealed class InMemoryRoomLog : IRoomLog
{
    private readonly string _room;
    private readonly TimeProvider _time;
    private readonly TextPosted[] _lines;
    private readonly Action<InMemoryRoomLog>? _disposed;
    private int _next;
    private int _count;

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
        _lines = new TextPosted[capacity];
        LastId = lastId;
        _disposed = disposed;
    }

    /// <summary>The id of the last line appended (or the one before the first).</summary>
    public long LastId { get; private set; }

    /// <summary>The room's name.</summary>
    public string Room => _room;

    public ValueTask<TextPosted> AppendAsync(LineDraft draft, CancellationToken cancellationToken = default)
    {
        var line = new TextPosted(++LastId, draft.Author, draft.Text, _time.GetUtcNow().UtcDateTime) { Kind = draft.Kind, Room = _room };
        if (_lines.Length > 0)
        {
            _lines[_next] = line;
            _next = (_next + 1) % _lines.Length;
            _count = Math.Min(_count + 1, _lines.Length);
        }

        return new ValueTask<TextPosted>(line);
    }

    public ValueTask<IReadOnlyList<TextPosted>> ReadAsync(LogRange range, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(range.Limit);
        var kept = new List<TextPosted>(Math.Min(range.Limit, _count));
        var start = (_next - _count + _lines.Length) % Math.Max(_lines.Length, 1);
        if (range.Order == LogOrder.NewestFirst)
        {
            for (var i = _count - 1; i >= 0 && kept.Count < range.Limit; i--)
            {
                AddIfInRange(kept, _lines[(start + i) % _lines.Length], range);
            }
        }
        else
        {
            for (var i = 0; i < _count && kept.Count < range.Limit; i++)
            {
                AddIfInRange(kept, _lines[(start + i) % _lines.Length], range);
            }
        }

        return new ValueTask<IReadOnlyList<TextPosted>>(kept);
    }

    public ValueTask DisposeAsync()
    {
        _disposed?.Invoke(this);
        return ValueTask.CompletedTask;
    }

    private static void AddIfInRange(List<TextPosted> kept, TextPosted line, LogRange range)
    {
        if (line.Id > range.AfterId && line.Id < range.BeforeId)
        {
            kept.Add(line);
        }
    }
}
