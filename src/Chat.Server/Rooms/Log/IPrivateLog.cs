using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// The private messages of every user, in one sequence of ids (<see cref="PrivateMessage.Id"/>,
/// increasing, never reused within the store's <see cref="IRoomLogStore.Epoch"/>).
/// </summary>
/// <remarks>
/// Names are not accounts: a read is by name (compared with <see cref="UserNameRules.Comparer"/>),
/// so whoever holds a name reads the messages that name sent or received. Thread-safe: sessions
/// append and read at once.
/// </remarks>
internal interface IPrivateLog : IAsyncDisposable
{
    /// <summary>
    /// The highest id of a private message this log no longer keeps; 0 when every message ever
    /// appended is still kept.
    /// </summary>
    long PrunedThroughId { get; }

    /// <summary>Appends a private message; the log assigns its id and timestamp. Completes after the message is stored for good.</summary>
    /// <param name="draft">What was said, by whom, to whom.</param>
    /// <param name="cancellationToken">Gives up on the append.</param>
    /// <returns>The message as stored, with its id and timestamp.</returns>
    ValueTask<PrivateMessage> AppendAsync(PrivateDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Reads the private messages a user sent or received, by id range, in the order the range asks.</summary>
    /// <param name="user">The user whose messages to read: those from or to this name.</param>
    /// <param name="partner">Only messages between the user and this name; <see langword="null"/> for all of the user's.</param>
    /// <param name="range">Which ids, how many, from which end.</param>
    /// <param name="cancellationToken">Gives up on the read.</param>
    /// <returns>The messages in the order asked for.</returns>
    ValueTask<IReadOnlyList<PrivateMessage>> ReadAsync(string user, string? partner, LogRange range, CancellationToken cancellationToken = default);
}
