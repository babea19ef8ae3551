namespace Chat.Protocol;

public sealed partial class ChatClient
{
    /// <summary>The server's address, kept by a client made with <see cref="ConnectAsync"/> so that it can reconnect.</summary>
    private sealed record ServerAddress(string Host, int Port);

    /// <summary>
    /// One session with the server: its connection and welcome, its receive loop and keep-alive,
    /// and, for a session that reconnected, the live messages held while it catches up. The
    /// client outlives its sessions: the application's stream, the rooms and the requests stay.
    /// </summary>
    private sealed class Session
    {
        private readonly Lock _lock = new();
        private readonly Queue<ChatMessage> _held = new();
        private volatile bool _holding;

        public Session(IChatConnection connection, Welcome welcome, long now, bool holding, CancellationToken clientStopping)
        {
            Connection = connection;
            Welcome = welcome;
            Stopping = CancellationTokenSource.CreateLinkedTokenSource(clientStopping);
            LastHeard = now;
            _holding = holding;
        }

        public IChatConnection Connection { get; }

        public Welcome Welcome { get; }

        /// <summary>Cancelled when the session ends (or the client stops): stops the keep-alive and the receive loop.</summary>
        public CancellationTokenSource Stopping { get; }

        /// <summary>Completes, once the session is over and its connection closed, with why it ended: null for an expected end.</summary>
        public Task<Exception?> Receiving { get; set; } = Task.FromResult<Exception?>(null);

        public Task KeepingAlive { get; set; } = Task.CompletedTask;

        /// <summary>The catch-up after a reconnect: the rooms rejoined and what they said meanwhile.</summary>
        public Task CatchingUp { get; set; } = Task.CompletedTask;

        public long LastHeard;

        public long LastPinged;

        /// <summary>The server is about to close the session (a shutdown, a fatal error, or this client leaving): its close is no loss.</summary>
        public volatile bool EndExpected;

        public volatile bool WaitingForApplication;

        /// <summary>The <see cref="ServerShutdown"/> or fatal <see cref="ErrorMessage"/> that ended the session, if one did.</summary>
        public volatile ChatMessage? EndMessage;

        /// <summary>Set once the session is over: why, for calls made after that.</summary>
        public volatile Exception? EndReason;

        /// <summary>Holds a live message for the application while the catch-up runs; returns false once it is over.</summary>
        public bool TryHold(ChatMessage message)
        {
            if (!_holding)
            {
                return false; // Once off, never on again: no lock on the way of every message.
            }

            lock (_lock)
            {
                if (!_holding)
                {
                    return false;
                }

                _held.Enqueue(message);
                return true;
            }
        }

        /// <summary>Takes the messages held so far; when there are none, stops holding and returns an empty list.</summary>
        public List<ChatMessage> TakeHeld()
        {
            lock (_lock)
            {
                if (_held.Count == 0)
                {
                    _holding = false;
                    return [];
                }

                var taken = new List<ChatMessage>(_held);
                _held.Clear();
                return taken;
            }
        }
    }
}
