namespace Chat.Server;

/// <summary>
/// Keeps every room's log in memory (<see cref="InMemoryRoomLog"/>). A room that vanished lost its
/// lines and its topic; when it is created again it goes on numbering after the highest id any
/// vanished room reached, so ids are never reused while the server runs, and the lines before are
/// reported as no longer kept (<see cref="IRoomLog.PrunedThroughId"/>): a catch-up across the hole
/// is told there is a gap. The store remembers one number rather than every name.
/// The private messages are kept the same way (<see cref="InMemoryPrivateLog"/>). Every start is a
/// new id space: the <see cref="Epoch"/> is made at random here.
/// </summary>
/// <param name="capacity">How many lines each log keeps, and how many private messages (<see cref="ChatServerOptions.MemoryLinesPerRoom"/>).</param>
/// <param name="time">The clock for timestamps.</param>
internal sealed class InMemoryRoomLogStore(int capacity, TimeProvider time) : IRoomLogStore
{
    private long _highestClosedId;

    public string Epoch { get; } = Guid.NewGuid().ToString("N");

    public IPrivateLog Private { get; } = new InMemoryPrivateLog(capacity, time);

    public ValueTask<IRoomLog> OpenAsync(string room, CancellationToken cancellationToken = default) =>
        new(new InMemoryRoomLog(room, capacity, time, Interlocked.Read(ref _highestClosedId), Closed));

    /// <summary>Always empty: nothing in memory outlives the server.</summary>
    public IReadOnlyList<string> KeptRooms => [];

    /// <summary>Does nothing: the operator's rooms of this run are made again at the next start only by a durable store.</summary>
    /// <param name="room">The room's name.</param>
    /// <param name="cancellationToken">Not used.</param>
    /// <returns>A completed task.</returns>
    public ValueTask KeepAsync(string room, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    private void Closed(InMemoryRoomLog log)
    {
        var seen = Interlocked.Read(ref _highestClosedId);
        while (log.LastId > seen)
        {
            var previous = Interlocked.CompareExchange(ref _highestClosedId, log.LastId, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
