namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// Lines the user has entered, recalled with Up and Down like a shell. What was being typed
/// before browsing is kept and comes back after the newest entry.
/// </summary>
public sealed class InputHistory(int capacity = 500)
{
    private readonly List<string> _entries = [];
    private int _position = -1;
    private string _draft = string.Empty;

    /// <summary>Remembers an entered line (not blank lines, not the same line twice in a row) and stops browsing.</summary>
    /// <param name="line">The line as entered.</param>
    public void Add(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        _position = -1;
        _draft = string.Empty;
        if (string.IsNullOrWhiteSpace(line) || (_entries.Count > 0 && _entries[^1] == line))
        {
            return;
        }

        _entries.Add(line);
        if (_entries.Count > capacity)
        {
            _entries.RemoveAt(0);
        }
    }

    /// <summary>Goes one entry back (Up).</summary>
    /// <param name="current">The text in the input line now; kept as the draft when browsing starts.</param>
    /// <returns>The text to show, or <see langword="null"/> when there is nothing older.</returns>
    public string? Previous(string current)
    {
        if (_entries.Count == 0 || _position == 0)
        {
            return null;
        }

        if (_position < 0)
        {
            _draft = current;
            _position = _entries.Count;
        }

        _position--;
        return _entries[_position];
    }

    /// <summary>Goes one entry forward (Down); past the newest entry the draft comes back.</summary>
    /// <returns>The text to show, or <see langword="null"/> when not browsing.</returns>
    public string? Next()
    {
        if (_position < 0)
        {
            return null;
        }

        _position++;
        if (_position < _entries.Count)
        {
            return _entries[_position];
        }

        _position = -1;
        var draft = _draft;
        _draft = string.Empty;
        return draft;
    }
}
