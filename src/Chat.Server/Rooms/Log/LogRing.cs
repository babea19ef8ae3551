namespace Chat.Server;

/// <summary>
/// The newest entries of a log in a fixed-size ring: adding to a full ring pushes the oldest out.
/// The memory store's room logs and private log keep their entries in one.
/// </summary>
/// <typeparam name="T">The entry.</typeparam>
/// <remarks>Not thread-safe: its owner locks.</remarks>
internal sealed class LogRing<T>
    where T : class
{
    private readonly T[] _entries;
    private int _next;

    /// <summary>Creates an empty ring.</summary>
    /// <param name="capacity">How many entries to keep; 0 keeps none.</param>
    public LogRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _entries = new T[capacity];
    }

    /// <summary>How many entries the ring holds.</summary>
    public int Count { get; private set; }

    /// <summary>An entry by age: 0 is the oldest kept, <see cref="Count"/> - 1 the newest.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> - 1.</param>
    public T this[int index] => _entries[(_next - Count + index + _entries.Length) % _entries.Length];

    /// <summary>Adds the newest entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The entry that is no longer kept: the oldest, pushed out of a full ring; <paramref name="entry"/> itself
    /// when the ring keeps none; <see langword="null"/> when nothing was lost.</returns>
    public T? Add(T entry)
    {
        if (_entries.Length == 0)
        {
            return entry;
        }

        var lost = Count == _entries.Length ? _entries[_next] : null;
        _entries[_next] = entry;
        _next = (_next + 1) % _entries.Length;
        Count = Math.Min(Count + 1, _entries.Length);
        return lost;
    }
}
