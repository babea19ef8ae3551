namespace Chat.LoadTest.Clients;

/// <summary>
/// One simulated user of a run: how it sends, and what it does with each of the run's lines it
/// receives (the latency, the order check, the count, the sender's window). A
/// <see cref="LibraryLoadClient"/> on the client library, or, for clients that decline presence, a
/// raw socket (<see cref="RawSocketLoadClient"/>): a <see cref="ThinLoadClient"/> read with .NET's
/// async sockets, or an <see cref="EpollLoadClient"/> read by an epoll receive loop.
/// </summary>
internal abstract class LoadClient : IAsyncDisposable
{
    private volatile LinePhase? _lines;
    private long _received;
    private long _outOfOrder;
    private long _lastLineId = long.MinValue;

    /// <param name="index">The client's number in the run.</param>
    protected LoadClient(int index)
    {
        Index = index;
    }

    public int Index { get; }

    /// <summary>Whether the client receives presence (and counts towards the presence goal).</summary>
    public abstract bool HearsPresence { get; }

    /// <summary>The number of users this client sees; 0 for a client that declined presence.</summary>
    public abstract int Presence { get; }

    /// <summary>How many users were in the room when this client joined, itself included (from its welcome).</summary>
    public abstract int UsersAtJoin { get; }

    /// <summary>The read loop; completes when the session ends.</summary>
    public abstract Task Reading { get; }

    /// <summary>The lines this client measures now; <see langword="null"/> before the first phase.</summary>
    protected LinePhase? Lines => _lines;

    /// <summary>
    /// The lines this client measures from now on. Switch only while none of the new phase's
    /// lines are in flight: the counts start from zero.
    /// </summary>
    public void UseLines(LinePhase lines)
    {
        _lastLineId = long.MinValue;
        Volatile.Write(ref _received, 0);
        Volatile.Write(ref _outOfOrder, 0);
        _lines = lines;
    }

    /// <summary>The lines of the current phase this client received.</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Lines whose server id was not above the previous line's.</summary>
    public long OutOfOrder => Volatile.Read(ref _outOfOrder);

    /// <summary>Posts <paramref name="text"/> to the room.</summary>
    public abstract ValueTask SendAsync(string text, CancellationToken cancellationToken);

    /// <summary>Counts this client towards the presence goal if it already sees the target number of users.</summary>
    public virtual void CheckPresence()
    {
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// Line <paramref name="sequence"/> of <paramref name="lines"/>, numbered <paramref name="lineId"/>
    /// by the server, arrived at <paramref name="receivedAt"/> (a Stopwatch timestamp): records its
    /// latency, checks its order, counts it, and gives its sender's window back when this client sent it.
    /// Called by the client's one read loop.
    /// </summary>
    protected void OnLine(LinePhase lines, long lineId, int sequence, long receivedAt, RunProblems problems)
    {
        var sentAt = lines.Stamps.SentAt(sequence);
        if (sentAt == 0)
        {
            problems.UnknownLine();
            return;
        }

        lines.Latencies.Record(sentAt, receivedAt);
        if (lineId <= _lastLineId)
        {
            Volatile.Write(ref _outOfOrder, _outOfOrder + 1);
        }

        _lastLineId = lineId;
        var received = _received + 1;
        Volatile.Write(ref _received, received);
        if (received == lines.LinesPerReceiver)
        {
            lines.AllReceived.Signal();
        }

        if (lines.Windows is { } windows && Index < lines.Senders && lines.SenderOf(sequence) == Index)
        {
            windows[Index].Release();
        }
    }
}
