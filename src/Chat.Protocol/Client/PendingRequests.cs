namespace Chat.Protocol;

/// <summary>
/// The requests a <see cref="ChatClient"/> has sent and waits to hear the answer to (joining a room,
/// renaming, ...), oldest first. The receive loop offers each message to them: the oldest request
/// the message answers completes with it, the oldest a non-fatal <see cref="ErrorMessage"/> refuses
/// fails with a <see cref="ChatRequestException"/>, and the session's end fails them all.
/// </summary>
/// <remarks>
/// The server handles a connection's messages in order and answers each in turn, so the oldest
/// request a message fits is the one it answers. A rate-limit refusal names no room (the server
/// refuses the message before it reads it), so it refuses the oldest request waiting: the one
/// most likely to have met the empty bucket.
/// </remarks>
internal sealed class PendingRequests
{
    private readonly Lock _lock = new();
    private readonly List<Request> _waiting = [];
    private Exception? _ended;
    private int _lastRequestId;

    /// <summary>Registers a request before it is sent.</summary>
    /// <param name="answers">Whether a message from the server is the answer.</param>
    /// <param name="refusedBy">Whether an error from the server refuses this request.</param>
    /// <param name="requestId">The request's <see cref="HistoryRequest.RequestId"/>, for a request that carries one; 0 otherwise.</param>
    /// <param name="consumes">Whether the answer and the refusal are the request's alone, kept out of the application's stream.</param>
    /// <returns>The request, whose <see cref="Request.Answer"/> completes with the answer.</returns>
    /// <exception cref="ChatConnectionLostException">The client has ended.</exception>
    public Request Add(Func<ChatMessage, bool> answers, Func<ErrorMessage, bool> refusedBy, int requestId = 0, bool consumes = false)
    {
        var request = new Request(answers, refusedBy, requestId, consumes);
        lock (_lock)
        {
            if (_ended is not null)
            {
                throw new ChatConnectionLostException(_ended.Message, _ended);
            }

            _waiting.Add(request);
        }

        return request;
    }

    /// <summary>A new request id: above 0, different from every id still waiting.</summary>
    public int NextRequestId()
    {
        while (true)
        {
            var id = Interlocked.Increment(ref _lastRequestId) & int.MaxValue;
            if (id == 0)
            {
                continue;
            }

            lock (_lock)
            {
                if (!_waiting.Exists(r => r.RequestId == id))
                {
                    return id;
                }
            }
        }
    }

    /// <summary>Stops waiting for a request (answered, timed out or cancelled).</summary>
    public void Remove(Request request)
    {
        lock (_lock)
        {
            _waiting.Remove(request);
        }
    }

    /// <summary>Completes the oldest request <paramref name="message"/> answers or, for an error, refuses.</summary>
    /// <returns>Whether the message belongs to the request alone (<see cref="Request.Consumes"/>) and stays out of the application's stream.</returns>
    public bool Offer(ChatMessage message)
    {
        Request? matched;
        lock (_lock)
        {
            matched = message switch
            {
                ErrorMessage { RequestId: > 0 } error => _waiting.Find(r => r.RequestId == error.RequestId),
                // A request with an id (history, search) has its refusals, the rate limit's too, carry it.
                ErrorMessage { Code: ErrorCode.RateLimited, Room.Length: 0 } => _waiting.Find(r => r.RequestId == 0),
                ErrorMessage error => _waiting.Find(r => r.RefusedBy(error)),
                _ => _waiting.Find(r => r.Answers(message)),
            };
            if (matched is not null)
            {
                _waiting.Remove(matched);
            }
        }

        if (matched is null)
        {
            return false;
        }

        if (message is ErrorMessage refusal)
        {
            matched.Answer.TrySetException(new ChatRequestException(refusal.Code, refusal.Room, refusal.Text));
        }
        else
        {
            matched.Answer.TrySetResult(message);
        }

        return matched.Consumes;
    }

    /// <summary>Fails every waiting request with <paramref name="lost"/>: they were sent over a session that is gone. Later ones may follow on a new session.</summary>
    public void FailWaiting(ChatConnectionLostException lost)
    {
        Request[] waiting;
        lock (_lock)
        {
            waiting = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var request in waiting)
        {
            request.Answer.TrySetException(lost);
        }
    }

    /// <summary>Fails every waiting request, and every later one, with <paramref name="lost"/>.</summary>
    public void End(ChatConnectionLostException lost)
    {
        Request[] waiting;
        lock (_lock)
        {
            _ended = lost;
            waiting = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var request in waiting)
        {
            request.Answer.TrySetException(lost);
        }
    }

    /// <summary>One request waiting for its answer.</summary>
    internal sealed class Request(Func<ChatMessage, bool> answers, Func<ErrorMessage, bool> refusedBy, int requestId, bool consumes)
    {
        /// <summary>The id the request carries (history, search), or 0.</summary>
        public int RequestId { get; } = requestId;

        /// <summary>Whether its answer and refusal stay out of the application's stream.</summary>
        public bool Consumes { get; } = consumes;

        public Func<ChatMessage, bool> Answers { get; } = answers;

        public Func<ErrorMessage, bool> RefusedBy { get; } = refusedBy;

        public TaskCompletionSource<ChatMessage> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
