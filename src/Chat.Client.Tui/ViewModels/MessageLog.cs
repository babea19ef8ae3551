namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The lines of the message log, oldest first. Append-only and cheap at any size: each append
/// costs the same whether the log holds ten lines or a million. Used on the UI thread only.
/// </summary>
public sealed class MessageLog
{
    private readonly List<LogLine> _lines = [];

    /// <summary>Raised after lines were appended; the argument is the index of the first new line.</summary>
    public event EventHandler<int>? Appended;

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
}
