namespace Chat.LoadTest.Server;

/// <summary>The last lines a process wrote, kept for an error report.</summary>
internal sealed class OutputTail(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _lines.Count == 0 ? "  (nothing)" : string.Join('\n', _lines.Select(l => "  " + l));
        }
    }
}
