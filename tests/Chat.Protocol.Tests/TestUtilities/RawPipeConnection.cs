using System.IO.Pipelines;
using System.Net;
using Chat.Protocol.Wire.Transports;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.TestUtilities;

/// <summary>
/// A <see cref="ChatConnection"/> over two real <see cref="Pipe"/>s whose far ends the test holds:
/// the test writes raw bytes for the connection to receive, and reads the raw bytes it sends.
/// With <c>inline</c> scheduling a pending receive runs inside the test's flush, so "not complete
/// yet" after a flush means the connection really is still waiting.
/// </summary>
internal sealed class RawPipeConnection : IAsyncDisposable
{
    private readonly Pipe _toConnection;
    private readonly Pipe _fromConnection;
    private readonly Transport _transport;

    public RawPipeConnection(ChatConnectionOptions? options = null, bool inline = false)
    {
        var scheduler = inline ? PipeScheduler.Inline : PipeScheduler.ThreadPool;
        var pipeOptions = new PipeOptions(
            readerScheduler: scheduler,
            writerScheduler: scheduler,
            pauseWriterThreshold: 0,
            useSynchronizationContext: false);
        _toConnection = new Pipe(pipeOptions);
        _fromConnection = new Pipe(pipeOptions);
        _transport = new Transport(_toConnection.Reader, _fromConnection.Writer);
        Connection = new ChatConnection(_transport, options ?? ChatConnectionOptions.Default);
    }

    public ChatConnection Connection { get; }

    /// <summary>Where the test writes what the connection will receive.</summary>
    public PipeWriter Incoming => _toConnection.Writer;

    /// <summary>Where the test reads what the connection sent.</summary>
    public PipeReader Outgoing => _fromConnection.Reader;

    public async Task WriteAsync(params byte[][] chunks)
    {
        foreach (var chunk in chunks)
        {
            await Incoming.WriteAsync(chunk);
        }
    }

    /// <summary>Ends the incoming stream, as a peer closing its side would.</summary>
    public ValueTask EndAsync() => Incoming.CompleteAsync();

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync().WithTimeout();
        await Incoming.CompleteAsync().WithTimeout();
        await Outgoing.CompleteAsync().WithTimeout();
    }

    private sealed class Transport(PipeReader input, PipeWriter output) : IConnectionTransport
    {
        private readonly CancellationTokenSource _closed = new();
        private string? _abortReason;

        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;

        public EndPoint? RemoteEndPoint => null;

        public CancellationToken Closed => _closed.Token;

        public string? AbortReason => _abortReason;

        public void Abort(string reason)
        {
            if (Interlocked.CompareExchange(ref _abortReason, reason, null) is null)
            {
                Input.CancelPendingRead();
                Output.CancelPendingFlush();
                _closed.Cancel();
            }
        }

        public ValueTask DisposeAsync()
        {
            _closed.Cancel();
            return ValueTask.CompletedTask;
        }
    }
}
