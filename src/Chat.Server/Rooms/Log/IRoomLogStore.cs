namespace Chat.Server;

/// <summary>Where rooms' logs live: opens the log of a room when the room is created, and deletes it when a user's room vanishes.</summary>
internal interface IRoomLogStore
{
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
