using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// The private messages in memory: the newest ones (a ring), ids counted from 1 each time the
/// server starts (the memory store's <see cref="IRoomLogStore.Epoch"/> is new each start too).
/// Appends complete synchronously.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class InMemoryPrivateLog : IPrivateLog
{
    private readonly TimeProvider _time;
    private readonly LogRing<PrivateMessage> _messages;
    private readonly Lock _lock = new();
    private long _lastId;
    private long _prunedThroughId;

    /// <summary>Creates an empty log.</summary>
    /// <param name="capacity">How many messages to keep; 0 keeps none.</param>
    /// <param name="time">The clock for timestamps.</param>
    public InMemoryPrivateLog(int capacity, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _messages = new LogRing<PrivateMessage>(capacity);
        _time = time;
    }

    public long PrunedThroughId
    {
        get
        {
            lock (_lock)
            {
                return _prunedThroughId;
            }
        }
    }

    public ValueTask<PrivateMessage> AppendAsync(PrivateDraft draft, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var message = new PrivateMessage(draft.From, draft.To, draft.Text, _time.GetUtcNow().UtcDateTime) { Kind = draft.Kind, Id = ++_lastId };
            if (_messages.Add(message) is { } lost)
            {
                _prunedThroughId = lost.Id;
            }

            return new ValueTask<PrivateMessage>(message);
        }
    }

    public ValueTask<IReadOnlyList<PrivateMessage>> ReadAsync(string user, string? partner, LogRange range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfNegative(range.Limit);
        var kept = new List<PrivateMessage>();
        lock (_lock)
        {
            var count = _messages.Count;
            for (var n = 0; n < count && kept.Count < range.Limit; n++)
            {
                var message = _messages[range.Order == LogOrder.NewestFirst ? count - 1 - n : n];
                if (message.Id > range.AfterId && message.Id < range.BeforeId && Concerns(message, user, partner))
                {
                    kept.Add(message);
                }
            }
        }

        return new ValueTask<IReadOnlyList<PrivateMessage>>(kept);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Whether a message was sent or received by a user (and, when asked, exchanged with a partner).</summary>
    /// <param name="message">The message.</param>
    /// <param name="user">The user.</param>
    /// <param name="partner">The other party, or <see langword="null"/> for any.</param>
    /// <returns><see langword="true"/> when the message is between them.</returns>
    internal static bool Concerns(PrivateMessage message, string user, string? partner)
    {
        var comparer = UserNameRules.Comparer;
        if (comparer.Equals(message.From, user))
        {
            return partner is null || comparer.Equals(message.To, partner);
        }

        return comparer.Equals(message.To, user) && (partner is null || comparer.Equals(message.From, partner));
    }
}
