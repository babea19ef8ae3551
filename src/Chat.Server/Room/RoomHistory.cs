using Chat.Protocol;

namespace Chat.Server;

/// <summary>The most recent lines posted in the room, for newcomers' welcomes: a ring of fixed size.</summary>
/// <remarks>Not thread-safe: <see cref="ChatRoom"/> uses it under its lock.</remarks>
internal sealed class RoomHistory
{
    private readonly TextPosted[] _lines;
    private int _next;
    private int _count;

    /// <summary>Creates an empty history.</summary>
    /// <param name="capacity">How many lines to keep; 0 keeps none.</param>
    public RoomHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _lines = new TextPosted[capacity];
    }

    /// <summary>Remembers a line, forgetting the oldest when full.</summary>
    /// <param name="line">The line.</param>
    public void Add(TextPosted line)
    {
        if (_lines.Length == 0)
        {
            return;
        }

        _lines[_next] = line;
        _next = (_next + 1) % _lines.Length;
        _count = Math.Min(_count + 1, _lines.Length);
    }

    /// <summary>Copies the kept lines, oldest first.</summary>
    /// <returns>A new array.</returns>
    public TextPosted[] ToArray()
    {
        var result = new TextPosted[_count];
        var start = (_next - _count + _lines.Length) % Math.Max(_lines.Length, 1);
        for (var i = 0; i < _count; i++)
        {
            result[i] = _lines[(start + i) % _lines.Length];
        }

        return result;
    }
}
