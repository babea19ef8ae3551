namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The lines of the message log, in the order they are shown. Appending costs the same whether
/// the log holds ten lines or a million; older lines loaded from the server's history are
/// inserted above (<see cref="Insert"/>). Used on the UI thread only.
/// </summary>
public sealed class MessageLog
{
    private readonly List<LogLine> _lines = [];

    /// <summary>Raised after lines were appended; the argument is the index of the first new line.</summary>
    public event EventHandler<int>? Appended;

    /// <summary>Raised after lines were inserted before the end: where, and how many.</summary>
    public event EventHandler<(int Index, int Count)>? Inserted;

    /// <summary>Raised after a line was replaced by another (<see cref="Replace"/>); the argument is its index.</summary>
    public event EventHandler<int>? Replaced;

    /// <summary>Raised after <see cref="Clear"/> emptied the log.</summary>
    public event EventHandler? Cleared;

    /// <summary>How many lines the log holds.</summary>
    public int Count => _lines.Count;

    /// <summary>A line by index.</summary>
    /// <param name="index">0 for the oldest.</param>
    public LogLine this[int index] => _lines[index];

    /// <summary>Appends one line.</summary>
    /// <param name="line">The line.</param>
    public void Add(LogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        _lines.Add(line);
        Appended?.Invoke(this, _lines.Count - 1);
    }

    /// <summary>Removes every line (<c>/clear</c>) and raises <see cref="Cleared"/>.</summary>
    public void Clear()
    {
        _lines.Clear();
        Cleared?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Appends several lines and raises <see cref="Appended"/> once.</summary>
    /// <param name="lines">The lines, oldest first.</param>
    public void AddRange(IEnumerable<LogLine> lines)
    {
        var first = _lines.Count;
        _lines.AddRange(lines);
        if (_lines.Count > first)
        {
            Appended?.Invoke(this, first);
        }
    }

    /// <summary>Inserts lines before the line at <paramref name="index"/> (at the end, it appends).</summary>
    /// <param name="index">Where the first goes.</param>
    /// <param name="lines">The lines, in order.</param>
    public void Insert(int index, IReadOnlyCollection<LogLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)_lines.Count, nameof(index));
        if (lines.Count == 0)
        {
            return;
        }

        if (index == _lines.Count)
        {
            AddRange(lines);
            return;
        }

        _lines.InsertRange(index, lines);
        Inserted?.Invoke(this, (index, lines.Count));
    }

    /// <summary>Puts another line in place of the one at <paramref name="index"/> (a mark set or taken off).</summary>
    /// <param name="index">The line's index.</param>
    /// <param name="line">What it becomes.</param>
    public void Replace(int index, LogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        _lines[index] = line;
        Replaced?.Invoke(this, index);
    }

    /// <summary>The index of the line with this id, or -1.</summary>
    /// <param name="id">The line's id (above 0).</param>
    /// <param name="from">The first index looked at.</param>
    public int IndexOfId(long id, int from = 0)
    {
        for (var i = Math.Max(0, from); i < _lines.Count; i++)
        {
            if (_lines[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
