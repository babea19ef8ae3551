using System.Threading.Tasks.Sources;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// The bounded queue of messages waiting to be written to one client. Any thread adds without
/// waiting; one writer takes everything queued at once and writes it with a single flush.
/// </summary>
/// <remarks>
/// <para>
/// Adding never blocks and never allocates once the buffer has grown to the client's usual
/// backlog: the room fans a message out to thousands of queues while it holds its lock. When
/// the queue holds <see cref="Capacity"/> messages, or the next message would take the frames
/// waiting past <see cref="ByteCapacity"/> bytes, the client is not keeping up, and
/// <see cref="TryEnqueue(EncodedMessage, bool, out bool)"/> says so instead of waiting. The bytes are counted from the encoded
/// frames' lengths, under the lock already taken: a few instructions per message. A message
/// always fits an empty queue, however large.
/// </para>
/// <para>
/// Most messages never reach the writer: when it waits and nothing is queued, the connection
/// is written to straight from the producer's thread (<see cref="IChatConnection.TrySend"/>),
/// either at once or, inside a <see cref="DeliveryBatch"/>, once the batch is over, everything
/// the batch queued in one write (<see cref="SendNow"/>). Only what the connection cannot take at
/// once (a send still on its way, a full socket, TLS) goes through the writer.
/// </para>
/// <para>
/// The writer swaps buffers with the queue (<see cref="TakeAll"/>), so taking a batch copies
/// nothing. A waiting writer is woken through the thread pool (this object is the work item),
/// so a producer never runs the writer on its own thread, and waking allocates nothing.
/// </para>
/// </remarks>
internal sealed class OutgoingQueue : IValueTaskSource<bool>, IThreadPoolWorkItem
{
    private const int InitialSize = 4;

    private readonly Lock _lock = new();
    private EncodedMessage[] _items = new EncodedMessage[InitialSize];
    private int _count;
    private long _bytes;
    private bool _completed;
    private bool _writerWaiting;
    private bool _owned; // a deferred caller will call SendNow for what is queued
    private readonly IChatConnection? _direct;
    private ManualResetValueTaskSourceCore<bool> _signal; // completed from Execute, on a pool thread

    /// <summary>Creates a queue.</summary>
    /// <param name="capacity">The most messages that may wait; one more fits the last message of <see cref="Complete"/>.</param>
    /// <param name="byteCapacity">The most bytes of frames that may wait (the last message of <see cref="Complete"/> fits beyond it).</param>
    /// <param name="direct">The connection to write to straight from the caller's thread when nothing waits; none to always go through the writer.</param>
    public OutgoingQueue(int capacity, long byteCapacity = long.MaxValue, IChatConnection? direct = null)
    {
        _direct = direct;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(byteCapacity, 1);
        Capacity = capacity;
        ByteCapacity = byteCapacity;
    }

    /// <summary>The most messages that may wait.</summary>
    public int Capacity { get; }

    /// <summary>The most bytes of encoded frames that may wait.</summary>
    public long ByteCapacity { get; }

    /// <summary>How many bytes of frames are waiting now.</summary>
    public long QueuedBytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }


    /// <summary>Whether <see cref="Complete"/> was called.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_lock)
            {
                return _completed;
            }
        }
    }

    /// <summary>
    /// Adds a message without waiting. With <paramref name="deferred"/>, a writer that is waiting
    /// is not woken: the caller owns sending what is queued, with <see cref="SendNow"/>, once it
    /// has delivered everything it has (see <see cref="DeliveryBatch"/>). Without it, the message
    /// is written at once on the caller's thread when nothing is queued and the connection can
    /// take it (<see cref="IChatConnection.TrySend"/>), and the writer is woken otherwise.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="deferred">Whether the caller sends what is queued later, itself.</param>
    /// <param name="owner">
    /// Whether this call made the caller the one to call <see cref="SendNow"/>: the writer waits
    /// and no earlier deferred message has an owner yet.
    /// </param>
    /// <returns>Whether the message was queued, or sent, or why not.</returns>
    public EnqueueResult TryEnqueue(EncodedMessage message, bool deferred, out bool owner)
    {
        owner = false;
        bool wake;
        long length = message.Frame.Length;
        lock (_lock)
        {
            if (_completed)
            {
                return EnqueueResult.Closed;
            }

            if (_count == Capacity || (_bytes + length > ByteCapacity && _count > 0))
            {
                return EnqueueResult.Full;
            }

            if (!_writerWaiting)
            {
                // The writer is busy with what it took: it comes back for this.
                Append(message);
                _bytes += length;
                return EnqueueResult.Added;
            }

            if (deferred)
            {
                Append(message);
                _bytes += length;
                owner = !_owned;
                _owned = true;
                return EnqueueResult.Added;
            }

            if (_count == 0 && _direct is not null && _direct.TrySend(new ReadOnlySpan<EncodedMessage>(in message)))
            {
                return EnqueueResult.Sent;
            }

            Append(message);
            _bytes += length;
            wake = true;
            _writerWaiting = false;
            _owned = false;
        }

        if (wake)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return EnqueueResult.Added;
    }

    /// <summary>Adds a message without waiting, as <see cref="TryEnqueue(EncodedMessage, bool, out bool)"/> does without deferring.</summary>
    /// <param name="message">The message.</param>
    /// <returns>Whether it was queued, or sent, or why not.</returns>
    public EnqueueResult TryEnqueue(EncodedMessage message) => TryEnqueue(message, deferred: false, out _);

    /// <summary>
    /// Sends what deferred calls of <see cref="TryEnqueue(EncodedMessage, bool, out bool)"/>
    /// queued: at once on the caller's thread, in one write, when the connection can take it;
    /// otherwise by waking the writer. For the owner that call named.
    /// </summary>
    /// <returns>How many messages went out on this thread (0 when the writer has them).</returns>
    public int SendNow()
    {
        lock (_lock)
        {
            _owned = false;
            if (!_writerWaiting || _count == 0)
            {
                return 0; // The writer was woken in the meantime and takes them itself.
            }

            var count = _count;
            if (_direct is not null && _direct.TrySend(new ReadOnlySpan<EncodedMessage>(_items, 0, count)))
            {
                Array.Clear(_items, 0, count);
                _count = 0;
                _bytes = 0;
                return count;
            }

            _writerWaiting = false;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return 0;
    }

    /// <summary>
    /// Ends the queue: later messages are refused. The writer still takes what is queued, then
    /// <paramref name="last"/>, then learns that the queue is over.
    /// </summary>
    /// <param name="last">A final message (a fatal error, the shutdown notice); added even when the queue is full.</param>
    /// <param name="discardPending">Drop what is queued, for a client that cannot be written to any more.</param>
    /// <returns><see langword="false"/> when the queue was completed already (and nothing changed).</returns>
    public bool Complete(EncodedMessage? last = null, bool discardPending = false)
    {
        bool wake;
        lock (_lock)
        {
            if (_completed)
            {
                return false;
            }

            _completed = true;
            if (discardPending)
            {
                Array.Clear(_items, 0, _count);
                _count = 0;
                _bytes = 0;
            }

            if (last is not null)
            {
                Append(last);
                _bytes += last.Frame.Length;
            }

            wake = _writerWaiting;
            _writerWaiting = false;
            _owned = false;
        }

        if (wake)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return true;
    }

    /// <summary>
    /// Takes everything queued by swapping buffers with the caller.
    /// </summary>
    /// <param name="batch">
    /// In: an empty buffer (all <see langword="null"/>) the queue may keep. Out: the buffer holding
    /// the messages taken, first to last; clear it after use and pass it back next time.
    /// </param>
    /// <returns>How many messages <paramref name="batch"/> now holds; 0 when nothing was queued.</returns>
    public int TakeAll(ref EncodedMessage[] batch)
    {
        lock (_lock)
        {
            var count = _count;
            if (count == 0)
            {
                return 0;
            }

            (_items, batch) = (batch, _items);
            _count = 0;
            _bytes = 0;
            return count;
        }
    }

    /// <summary>
    /// Clears a batch after it was written, and replaces it with a smaller one when it grew far
    /// beyond what was used, so that a client that once fell behind does not keep a large buffer.
    /// </summary>
    /// <param name="batch">The batch <see cref="TakeAll"/> returned.</param>
    /// <param name="used">How many messages it held.</param>
    public static void Recycle(ref EncodedMessage[] batch, int used)
    {
        if (batch.Length > 64 && used < batch.Length / 8)
        {
            batch = new EncodedMessage[Math.Max(InitialSize, used * 2)];
            return;
        }

        Array.Clear(batch, 0, used);
    }

    /// <summary>Creates an empty batch for the writer.</summary>
    /// <returns>A small buffer to pass to <see cref="TakeAll"/>.</returns>
    public static EncodedMessage[] NewBatch() => new EncodedMessage[InitialSize];

    /// <summary>Waits until there is something to take or the queue is over. One writer at a time.</summary>
    /// <returns><see langword="true"/> when messages may be taken; <see langword="false"/> when the queue is completed and empty.</returns>
    public ValueTask<bool> WaitToReadAsync()
    {
        lock (_lock)
        {
            if (_count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return new ValueTask<bool>(false);
            }

            _signal.Reset();
            _writerWaiting = true;
            return new ValueTask<bool>(this, _signal.Version);
        }
    }

    void IThreadPoolWorkItem.Execute() => _signal.SetResult(true);

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        _signal.GetResult(token);

        // The signal only means "look again": whether there is anything is decided under the lock.
        lock (_lock)
        {
            return _count > 0 || !_completed;
        }
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(
        Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);

    private void Append(EncodedMessage message)
    {
        if (_count == _items.Length)
        {
            // Grow to the backlog actually seen, never past what the capacity (and a last message) needs.
            var size = (int)Math.Min((long)_items.Length * 2, Capacity + 1L);
            Array.Resize(ref _items, Math.Max(size, _count + 1));
        }

        _items[_count++] = message;
    }
}
