using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Chat.Protocol.Wire.Transports;

/// <summary>
/// A connected TCP socket seen as a duplex pipe. One loop moves received bytes into
/// <see cref="Input"/>; another moves what is written to <see cref="Output"/> onto the socket,
/// coalescing everything buffered into one send. An accepted connection holds no receive buffer
/// while idle: its receive loop waits for data with a zero-byte read before it takes memory, so
/// ten thousand idle clients cost a server no buffers. A connection this side opened (a client's
/// one connection) skips that read and receives straight into a buffer: one system call fewer
/// per message it receives.
/// </summary>
/// <remarks>
/// Disposing is a lingering close. After the last byte is handed to the kernel and the send side
/// is shut down, the transport keeps reading (and discarding) until the peer closes its side, for
/// at most the close timeout. Closing a socket that still has unread input makes the kernel reset
/// the connection, and a reset destroys whatever the kernel had not yet delivered to the peer:
/// the last messages, often the one that says why the connection is closing.
/// </remarks>
internal sealed class SocketTransport : IConnectionTransport
{
    private const int MinimumReceiveSize = TransportPipes.MinimumReceiveSize;

    /// <summary>The most bytes a direct send of several frames gathers into one system call.</summary>
    private const int GatherSize = 32 * 1024;

    private readonly Socket _socket;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CancellationTokenSource _closed = new();
    private readonly TimeSpan _closeTimeout;
    private readonly Task _receiving;
    private readonly Task _sending;
    private string? _abortReason;
    private int _disposed;
    private readonly bool _waitForData;
    private volatile bool _sendFailed;
    private volatile bool _discardInput;

    // Bytes flushed into the output pipe that the send loop has not yet handed to the socket. Only
    // the connection's send-lock holder adds (Flushing, TrySendNow) and only the send loop takes
    // away, so a holder that reads 0 knows nothing written before is still on its way.
    private long _unsent;
    private readonly int _directLimit;

    [ThreadStatic]
    private static byte[]? t_gather;

    /// <param name="socket">A connected stream socket; the transport owns it.</param>
    /// <param name="options">The limits and timeouts.</param>
    /// <param name="waitForData">Whether to wait for data before taking a receive buffer (for the many connections of a server).</param>
    public SocketTransport(Socket socket, ChatConnectionOptions options, bool waitForData = true)
    {
        _socket = socket;
        _waitForData = waitForData;
        _closeTimeout = options.CloseTimeout;
        RemoteEndPoint = socket.RemoteEndPoint;

        _input = TransportPipes.Input(options);
        _output = TransportPipes.Output(options);

        // A direct send must never wait: the socket answers "would block" instead, and the rest
        // goes through the send loop. (Async operations are not affected by this setting.)
        _socket.Blocking = false;

        // What a direct send leaves behind fits the output pipe below its pause threshold, so
        // flushing it never waits either.
        _directLimit = Math.Min(GatherSize, options.MaxPendingSendBytes / 2);

        _receiving = ReceiveLoopAsync();
        _sending = SendLoopAsync();
    }

    public EndPoint? RemoteEndPoint { get; }

    public CancellationToken Closed => _closed.Token;

    public string? AbortReason => _abortReason;

    public PipeReader Input => _input.Reader;

    public PipeWriter Output => _output.Writer;

    public void Abort(string reason)
    {
        if (Interlocked.CompareExchange(ref _abortReason, reason, null) is not null)
        {
            return;
        }

        try
        {
            // Linger 0 makes the close a reset: nothing buffered is delivered.
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _socket.Dispose();
        _output.Reader.CancelPendingRead();
        _input.Writer.CancelPendingFlush(); // a receive loop waiting for the reader to make room must see the end too
        SignalClosed();
    }

    public void Flushing() => Interlocked.Add(ref _unsent, _output.Writer.UnflushedBytes);

    public bool TrySendNow(ReadOnlySpan<EncodedMessage> messages)
    {
        if (Volatile.Read(ref _unsent) != 0 || _sendFailed || _abortReason is not null)
        {
            return false;
        }

        ReadOnlySpan<byte> bytes;
        if (messages.Length == 1)
        {
            bytes = messages[0].Frame.Span;
            if (bytes.Length > _directLimit)
            {
                return false;
            }
        }
        else
        {
            var gather = t_gather ??= new byte[GatherSize];
            var length = 0;
            foreach (var message in messages)
            {
                var frame = message.Frame.Span;
                if (frame.Length > _directLimit - length)
                {
                    return false;
                }

                frame.CopyTo(gather.AsSpan(length));
                length += frame.Length;
            }

            bytes = gather.AsSpan(0, length);
        }

        int sent;
        try
        {
            sent = _socket.Send(bytes, SocketFlags.None, out var error);
            if (error != SocketError.Success)
            {
                // Would block, or the connection broke: the send loop finds out which and acts on it.
                sent = 0;
            }
        }
        catch (ObjectDisposedException)
        {
            sent = 0;
        }

        if (sent < bytes.Length)
        {
            // The rest waits in the pipe, ahead of anything written later; it is below the pause
            // threshold of an empty pipe, so the flush completes at once (and, the pipe's reader
            // being inline, starts the send loop's asynchronous send on this thread).
            var rest = bytes[sent..];
            Interlocked.Add(ref _unsent, rest.Length);
            var writer = _output.Writer;
            writer.Write(rest);
            var flush = writer.FlushAsync();
            if (flush.IsCompleted)
            {
                flush.GetAwaiter().GetResult();
            }
            else
            {
                _ = flush.AsTask();
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();

        // The owner has completed Output (or aborted); let the send loop deliver what is left, but not forever.
        if (!await CompletesWithinAsync(_sending, _closeTimeout).ConfigureAwait(false))
        {
            Abort("The connection was closed before everything was delivered.");
        }

        if (_abortReason is null && !_sendFailed)
        {
            // Linger: nobody reads any more, so discard what the peer still sends until it closes its side.
            _discardInput = true;
            _input.Writer.CancelPendingFlush();
            await CompletesWithinAsync(_receiving, _closeTimeout - Stopwatch.GetElapsedTime(started)).ConfigureAwait(false);
        }

        _socket.Dispose();
        _input.Writer.CancelPendingFlush();
        await _receiving.ConfigureAwait(false);
        await _sending.ConfigureAwait(false);
        SignalClosed();
    }

    private async Task ReceiveLoopAsync()
    {
        await Task.Yield();
        var writer = _input.Writer;
        Exception? error = null;
        try
        {
            byte[]? discard = null;
            while (true)
            {
                if (_waitForData)
                {
                    // Wait for data without holding a buffer, so idle connections cost little memory.
                    await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                }

                if (_discardInput)
                {
                    // Closing: nobody reads any more; drain until the peer closes its side.
                    discard ??= new byte[MinimumReceiveSize];
                    if (await _socket.ReceiveAsync(discard, SocketFlags.None).ConfigureAwait(false) == 0)
                    {
                        break;
                    }

                    continue;
                }

                var memory = writer.GetMemory(MinimumReceiveSize);
                var received = await _socket.ReceiveAsync(memory, SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    break; // The peer closed its side cleanly.
                }

                if (_discardInput)
                {
                    continue; // Closing began while this receive waited: what came is not wanted.
                }

                writer.Advance(received);
                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break; // Nobody reads any more.
                }

                // A cancelled flush was woken by a close or an abort: the next turn discards or fails.
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            error = Describe(ex);
        }
        catch (Exception ex)
        {
            error = new ChatConnectionLostException("The connection failed while receiving.", ex);
        }
        finally
        {
            await writer.CompleteAsync(error).ConfigureAwait(false);
            if (error is not null)
            {
                // A clean end of the peer's stream (its FIN) closes only its direction: the peer may
                // still read, so what this side still sends must go out. A failure closes both.
                SignalClosed();
            }
        }
    }

    private async Task SendLoopAsync()
    {
        await Task.Yield();
        var reader = _output.Reader;
        Exception? error = null;
        List<ArraySegment<byte>>? segments = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    error = new ChatConnectionLostException(_abortReason ?? "The connection was aborted.");
                    break;
                }

                var buffer = result.Buffer;
                try
                {
                    if (!buffer.IsEmpty)
                    {
                        await SendAsync(buffer, segments ??= []).ConfigureAwait(false);
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }

                if (result.IsCompleted)
                {
                    // The owner finished writing: tell the peer nothing more is coming.
                    _socket.Shutdown(SocketShutdown.Send);
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            error = Describe(ex);
        }
        catch (Exception ex)
        {
            error = new ChatConnectionLostException("The connection failed while sending.", ex);
        }
        finally
        {
            await reader.CompleteAsync(error).ConfigureAwait(false);
            if (error is not null)
            {
                // A broken send means a broken connection: wake the receive loop too.
                _sendFailed = true;
                _socket.Dispose();
                _input.Writer.CancelPendingFlush();
                SignalClosed();
            }
        }
    }

    private async ValueTask SendAsync(ReadOnlySequence<byte> buffer, List<ArraySegment<byte>> segments)
    {
        if (buffer.IsSingleSegment)
        {
            var memory = buffer.First;
            while (!memory.IsEmpty)
            {
                var sent = await _socket.SendAsync(memory, SocketFlags.None).ConfigureAwait(false);
                Interlocked.Add(ref _unsent, -sent);
                memory = memory[sent..];
            }

            return;
        }

        // Gather every buffered segment into one system call.
        while (!buffer.IsEmpty)
        {
            segments.Clear();
            foreach (var segment in buffer)
            {
                segments.Add(ToArraySegment(segment));
            }

            var sent = await _socket.SendAsync(segments, SocketFlags.None).ConfigureAwait(false);
            Interlocked.Add(ref _unsent, -sent);
            buffer = buffer.Slice(sent);
        }
    }

    private static ArraySegment<byte> ToArraySegment(ReadOnlyMemory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment)
            ? segment
            : new ArraySegment<byte>(memory.ToArray());

    private ChatConnectionLostException Describe(Exception ex)
    {
        if (_abortReason is { } reason)
        {
            return new ChatConnectionLostException(reason, ex);
        }

        if (ex is ObjectDisposedException)
        {
            return new ChatConnectionLostException("The connection was closed.", ex);
        }

        var socketError = ((SocketException)ex).SocketErrorCode;
        var text = socketError switch
        {
            SocketError.ConnectionReset => "The connection was reset by the other side.",
            SocketError.ConnectionAborted or SocketError.OperationAborted => "The connection was aborted.",
            SocketError.Shutdown => "The connection is broken: the other side has gone.",
            SocketError.TimedOut => "The connection timed out.",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown =>
                "The other side can no longer be reached.",
            // Our words, never the system's: this text reaches the room as the reason a user left.
            _ => $"The connection failed ({socketError}).",
        };
        return new ChatConnectionLostException(text, ex);
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return task.IsCompleted;
        }

        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    // The source is never disposed: Closed must stay readable after disposal, and it holds no timer.
    private void SignalClosed() => _closed.Cancel();
}
