namespace Chat.Server;

/// <summary>Reading the room's lines back: history requests and search (docs/protocol.md, section 7, History).</summary>
/// <remarks>
/// The log is called under the room's lock (<see cref="InMemoryRoomLog"/> is not thread-safe by
/// itself); a read that completes later (the SQLite store's file) is awaited outside it.
/// </remarks>
internal sealed partial class Room
{
    /// <summary>The highest id of a line the room's log no longer keeps; 0 when it keeps them all.</summary>
    public long PrunedThroughId
    {
        get
        {
            lock (_lock)
            {
                return _log.PrunedThroughId;
            }
        }
    }

    /// <summary>Reads the room's stored lines by id range.</summary>
    /// <param name="range">Which lines, how many, from which end.</param>
    /// <param name="cancellationToken">Gives up on the read.</param>
    /// <returns>The lines in the order the range asks.</returns>
    public ValueTask<IReadOnlyList<Chat.Protocol.TextPosted>> ReadAsync(LogRange range, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _log.ReadAsync(range, cancellationToken);
        }
    }

    /// <summary>Finds the room's stored lines that hold every word of a query, newest first.</summary>
    /// <param name="query">The words, the bound and the limit.</param>
    /// <param name="cancellationToken">Gives up on the search.</param>
    /// <returns>The lines found, newest first.</returns>
    public ValueTask<IReadOnlyList<Chat.Protocol.TextPosted>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _log.SearchAsync(query, cancellationToken);
        }
    }
}
