namespace Chat.Server;

/// <summary>Where rooms' logs live: opens the log of a room when the room is created, and deletes it when a user's room vanishes.</summary>
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

    /// <summary>Opens (or creates) the log of a room.</summary>
    /// <param name="room">The room's name, as first written; compared with <see cref="Chat.Protocol.RoomNameRules.Comparer"/>.</param>
    /// <param name="cancellationToken">Gives up on opening.</param>
    /// <returns>The log; the room owns it and disposes it.</returns>
    ValueTask<IRoomLog> OpenAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>Deletes the lines of a room that vanished. Its ids are still never reused while the server runs.</summary>
    /// <param name="room">The room's name.</param>
    /// <param name="cancellationToken">Gives up on deleting.</param>
    /// <returns>A task that completes when the lines are gone.</returns>
    ValueTask DeleteAsync(string room, CancellationToken cancellationToken = default);
}
