namespace Chat.Server;

/// <summary>
/// Where rooms' logs live: opens the log of a room when the room is created. A durable store keeps
/// a room's lines, ids and topic when the room vanishes, for when it is made again (also after a
/// restart), and remembers which rooms the operator made while the server ran.
/// </summary>
internal interface IRoomLogStore
{
    /// <summary>
    /// Names the store's id space: the same epoch means ids given before are comparable with ids given
    /// now (sent as <see cref="Chat.Protocol.Welcome.HistoryEpoch"/>). A durable store keeps it with its
    /// data; a memory store makes a new one each time it starts. At most 64 ASCII characters
    /// (<see cref="FrameBudget.EpochBound"/>); both stores make 32 hex digits.
    /// </summary>
    string Epoch { get; }

    /// <summary>The private messages: one log for all of them, read by either party.</summary>
    IPrivateLog Private { get; }

    /// <summary>
    /// The rooms the operator made while an earlier run of the server ran (<see cref="KeepAsync"/>),
    /// by name as first written, read when the store opened; the server makes them again at start.
    /// Always empty in memory.
    /// </summary>
    IReadOnlyList<string> KeptRooms { get; }

    /// <summary>Opens (or creates) the log of a room.</summary>
    /// <param name="room">The room's name, as first written; compared with <see cref="Chat.Protocol.RoomNameRules.Comparer"/>.</param>
    /// <param name="cancellationToken">Gives up on opening.</param>
    /// <returns>The log; the room owns it and disposes it.</returns>
    ValueTask<IRoomLog> OpenAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>
    /// Remembers that the operator made a room while the server runs (an operator's room, which
    /// stays), so that the next start makes it again (<see cref="KeptRooms"/>). A memory store has
    /// nothing that outlives the server, and does nothing.
    /// </summary>
    /// <param name="room">The room's name, as first written.</param>
    /// <param name="cancellationToken">Gives up on waiting.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask KeepAsync(string room, CancellationToken cancellationToken = default);
}
