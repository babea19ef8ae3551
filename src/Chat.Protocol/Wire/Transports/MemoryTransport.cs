using System.IO.Pipelines;
using System.Net;
using Chat.Protocol.Internal;

namespace Chat.Protocol.Wire.Transports;

/// <summary>
/// One end of an in-memory connection: two pipes crossed over, so that what one end writes
/// the other reads. Closing one end is an end of stream for the other, after whatever was
/// already written; aborting one end is a reset for both, as TCP would show them.
/// </summary>
internal sealed class MemoryTransport : IConnectionTransport
{
    private static long s_nextId;

    private readonly Pipe _incoming;
    private readonly Pipe _outgoing;
    private readonly CancellationTokenSource _closed = new();
    private MemoryTransport? _peer;
    private string? _abortReason;
    private int _disposed;

    private MemoryTransport(Pipe incoming, Pipe outgoing, EndPoint endPoint)
    {
        _incoming = incoming;
        _outgoing = outgoing;
        RemoteEndPoint = endPoint;
    }

    public EndPoint? RemoteEndPoint { get; }

    public CancellationToken Closed => _closed.Token;

    public string? AbortReason => _abortReason;

    public PipeReader Input => _incoming.Reader;

    public PipeWriter Output => _outgoing.Writer;

    public static (MemoryTransport First, MemoryTransport Second) CreatePair(ChatConnectionOptions options)
    {
        var id = Interlocked.Increment(ref s_nextId);
        var firstToSecond = NewPipe(options);
        var secondToFirst = NewPipe(options);
        var first = new MemoryTransport(secondToFirst, firstToSecond, new MemoryEndPoint($"memory:{id}/second"));
        var second = new MemoryTransport(firstToSecond, secondToFirst, new MemoryEndPoint($"memory:{id}/first"));
        first._peer = second;
        second._peer = first;
        return (first, second);
    }

    public void Abort(string reason)
    {
        if (Reset(reason))
        {
            _peer?.Reset("The connection was reset by the other side.");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // The owner has completed Output: the peer reads what is left, then the end of the stream.
            _closed.Cancel();
            _peer?._closed.Cancel();
        }

        return ValueTask.CompletedTask;
    }

    private static Pipe NewPipe(ChatConnectionOptions options)
    {
        long limit = Math.Max(64 * 1024, (long)options.MaxFrameLength + ProtocolInfo.FramePrefixLength);
        return new Pipe(new PipeOptions(
            pool: SegmentPool.ForConnections, pauseWriterThreshold: limit, resumeWriterThreshold: limit / 2, useSynchronizationContext: false));
    }

    private bool Reset(string reason)
    {
        if (Interlocked.CompareExchange(ref _abortReason, reason, null) is not null)
        {
            return false;
        }

        _incoming.Reader.CancelPendingRead();
        _outgoing.Writer.CancelPendingFlush();
        _closed.Cancel();
        return true;
    }

    private sealed class MemoryEndPoint(string name) : EndPoint
    {
        public override string ToString() => name;
    }
}
