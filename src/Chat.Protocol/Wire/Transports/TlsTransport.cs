using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Chat.Protocol.Wire.Transports;

/// <summary>
/// A TCP socket carrying TLS, seen as a duplex pipe: the TLS twin of <see cref="SocketTransport"/>,
/// with the same loops, limits and lingering close. The send loop writes everything buffered with
/// one <see cref="SslStream"/> write (a batch of frames becomes one TLS record, up to 16 KiB, and
/// one system call), since every byte costs encryption of its own on each connection.
/// </summary>
/// <remarks>
/// <para>A client's transport is made after its handshake succeeded (<see cref="TlsClientHandshake"/>).</para>
/// <para>
/// A server's transport (<see cref="Accept"/>) runs its handshake on its own receive loop, so
/// accepting never waits for it, and the session's handshake timeout covers it (an abort ends it).
/// It first peeks at the first byte: a TLS ClientHello starts with 0x16, a ChatRoom frame's length
/// prefix with 0x00. A plaintext client is answered in plaintext: its input fails with a
/// <see cref="ChatProtocolException"/> of <see cref="ErrorCode.TlsRequired"/>, and what the owner
/// sends (the error frame) goes out unencrypted.
/// </para>
/// </remarks>
internal sealed partial class TlsTransport : IConnectionTransport
{
    private const int MinimumReceiveSize = TransportPipes.MinimumReceiveSize;

    /// <summary>The most plaintext one TLS record carries: a batch is written in pieces of this size.</summary>
    private const int MaxWriteSize = 16 * 1024;

    private readonly Socket _socket;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CancellationTokenSource _closed = new();
    private readonly TimeSpan _closeTimeout;
    private readonly bool _waitForData;
    private readonly TaskCompletionSource<Stream?> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _receiving;
    private readonly Task _sending;
    private readonly ChatServerCertificate? _certificate;
    private Stream? _stream;
    private string? _abortReason;
    private int _disposed;
    private volatile bool _sendFailed;
    private volatile bool _discardInput;
    private volatile bool _socketClosed;

    private TlsTransport(Socket socket, ChatConnectionOptions options, bool waitForData, Stream? authenticated, ChatServerCertificate? certificate)
    {
        _socket = socket;
        _waitForData = waitForData;
        _closeTimeout = options.CloseTimeout;
        _certificate = certificate;
        RemoteEndPoint = socket.RemoteEndPoint;

        _input = TransportPipes.Input(options);
        _output = TransportPipes.Output(options);

        if (authenticated is not null)
        {
            _stream = authenticated;
            _opened.SetResult(authenticated);
        }

        _receiving = ReceiveLoopAsync();
        _sending = SendLoopAsync();
    }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The TLS version negotiated, once the handshake is done; <see cref="SslProtocols.None"/> before, or for a plaintext peer.</summary>
    public SslProtocols Protocol => Volatile.Read(ref _stream) is SslStream { IsAuthenticated: true } tls ? tls.SslProtocol : SslProtocols.None;

    public CancellationToken Closed => _closed.Token;

    public string? AbortReason => _abortReason;

    public PipeReader Input => _input.Reader;

    public PipeWriter Output => _output.Writer;

    /// <summary>A server's end of an accepted socket: the handshake runs on the transport's own loop.</summary>
    public static TlsTransport Accept(Socket socket, ChatConnectionOptions options, ChatServerCertificate certificate) =>
        new(socket, options, waitForData: true, authenticated: null, certificate);

    /// <summary>A client's end, once its handshake succeeded.</summary>
    public static TlsTransport FromAuthenticated(Socket socket, SslStream stream, ChatConnectionOptions options) =>
        new(socket, options, waitForData: false, stream, certificate: null);

    public void Abort(string reason)
    {
        if (Interlocked.CompareExchange(ref _abortReason, reason, null) is not null)
        {
            return;
        }

        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        CloseSocket();
        _opened.TrySetResult(null);
        _output.Reader.CancelPendingRead();
        _input.Writer.CancelPendingFlush();
        SignalClosed();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        if (!_opened.Task.IsCompleted)
        {
            // Nothing can be delivered before the handshake, and a peer that stalls it gets no more time.
            Abort("The connection was closed before the TLS handshake finished.");
        }

        if (!await CompletesWithinAsync(_sending, _closeTimeout).ConfigureAwait(false))
        {
            Abort("The connection was closed before everything was delivered.");
        }

        if (_abortReason is null && !_sendFailed)
        {
            _discardInput = true;
            _input.Writer.CancelPendingFlush();
            await CompletesWithinAsync(_receiving, _closeTimeout - Stopwatch.GetElapsedTime(started)).ConfigureAwait(false);
        }

        CloseSocket();
        _input.Writer.CancelPendingFlush();
        await _receiving.ConfigureAwait(false);
        await _sending.ConfigureAwait(false);
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        SignalClosed();
    }

    private async Task ReceiveLoopAsync()
    {
        await Task.Yield();
        var writer = _input.Writer;
        Exception? error = null;
        var completed = false;
        try
        {
            var stream = _stream ?? await OpenAsync().ConfigureAwait(false);
            if (stream is null)
            {
                return; // The peer closed before sending anything, or the transport was aborted.
            }

            if (stream is not SslStream)
            {
                // A plaintext client: tell the owner, then drain what it sends until it closes.
                completed = true;
                await writer.CompleteAsync(new ChatProtocolException(
                    "This server accepts only TLS connections; connect with TLS turned on.", ErrorCode.TlsRequired)).ConfigureAwait(false);
                await DiscardUntilEndAsync(stream).ConfigureAwait(false);
                return;
            }

            await PumpAsync(stream, writer).ConfigureAwait(false);
        }
        catch (ChatException ex)
        {
            error = ex;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or AuthenticationException)
        {
            error = Describe(ex);
        }
        catch (Exception ex)
        {
            error = new ChatConnectionLostException("The connection failed while receiving.", ex);
        }
        finally
        {
            _opened.TrySetResult(null);
            if (!completed)
            {
                await writer.CompleteAsync(error).ConfigureAwait(false);
            }

            if (error is not null)
            {
                // As over plain TCP: the peer's clean end closes only its direction, and what this
                // side still sends (the welcome, the answers, a fatal error) must go out (R1.6).
                SignalClosed();
            }
        }
    }

    private async Task PumpAsync(Stream stream, PipeWriter writer)
    {
        while (true)
        {
            if (_socketClosed)
            {
                throw new ChatConnectionLostException(_abortReason ?? "The connection was closed.");
            }

            if (_waitForData)
            {
                // A zero-byte read waits for data without holding a buffer, as the socket transport's does.
                await stream.ReadAsync(Memory<byte>.Empty).ConfigureAwait(false);
            }

            if (_discardInput)
            {
                await DiscardUntilEndAsync(stream).ConfigureAwait(false);
                return;
            }

            var memory = writer.GetMemory(MinimumReceiveSize);
            var received = await stream.ReadAsync(memory).ConfigureAwait(false);
            if (received == 0)
            {
                return; // The peer closed its side cleanly.
            }

            if (_discardInput)
            {
                continue;
            }

            writer.Advance(received);
            var flush = await writer.FlushAsync().ConfigureAwait(false);
            if (flush.IsCompleted)
            {
                return;
            }
        }
    }

    private async Task DiscardUntilEndAsync(Stream stream)
    {
        var discard = new byte[MinimumReceiveSize];
        while (!_socketClosed && await stream.ReadAsync(discard).ConfigureAwait(false) > 0)
        {
        }
    }

    /// <summary>The server's side of the handshake, after a look at the first byte.</summary>
    /// <returns>The TLS stream; a plain stream for a plaintext client; <see langword="null"/> when the peer closed first.</returns>
    private async Task<Stream?> OpenAsync()
    {
        var first = new byte[1];
        if (await _socket.ReceiveAsync(first, SocketFlags.Peek).ConfigureAwait(false) == 0)
        {
            return null;
        }

        var network = new NetworkStream(_socket, ownsSocket: false);
        if (first[0] != TlsVersions.HandshakeRecord)
        {
            _stream = network;
            _opened.TrySetResult(network);
            return network;
        }

        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        _stream = tls;
        try
        {
            await tls.AuthenticateAsServerAsync(_certificate!.AuthenticationOptions, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when ((ex is AuthenticationException or IOException) && FindSocketError(ex) is not null)
        {
            throw Describe(ex); // the connection broke (a reset, say) in the middle of the handshake
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            throw new ChatConnectionLostException(
                _abortReason ?? "The TLS handshake did not complete: the client gave up (perhaps it does not trust the certificate) or does not speak TLS 1.2 or 1.3.",
                ex);
        }

        _opened.TrySetResult(tls);
        return tls;
    }

    private async Task SendLoopAsync()
    {
        await Task.Yield();
        var reader = _output.Reader;
        Exception? error = null;
        try
        {
            var stream = await _opened.Task.ConfigureAwait(false);
            if (stream is null)
            {
                error = new ChatConnectionLostException(_abortReason ?? "The connection was closed before the TLS handshake finished.");
                return;
            }

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
                        await WriteAsync(stream, buffer).ConfigureAwait(false);
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }

                if (result.IsCompleted)
                {
                    if (stream is SslStream tls)
                    {
                        await tls.ShutdownAsync().ConfigureAwait(false); // close_notify: the end of the data, not a truncation
                    }

                    _socket.Shutdown(SocketShutdown.Send);
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
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
                _sendFailed = true;
                CloseSocket();
                _input.Writer.CancelPendingFlush();
                SignalClosed();
            }
        }
    }

    /// <summary>Writes a buffer with as few TLS records as it takes: one per 16 KiB, however many segments it spans.</summary>
    private static async ValueTask WriteAsync(Stream stream, ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            await stream.WriteAsync(buffer.First).ConfigureAwait(false);
            return;
        }

        var size = (int)Math.Min(buffer.Length, MaxWriteSize);
        var gathered = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            while (!buffer.IsEmpty)
            {
                var piece = buffer.Slice(0, Math.Min(buffer.Length, size));
                piece.CopyTo(gathered);
                await stream.WriteAsync(gathered.AsMemory(0, (int)piece.Length)).ConfigureAwait(false);
                buffer = buffer.Slice(piece.End);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(gathered);
        }
    }

    private ChatConnectionLostException Describe(Exception ex)
    {
        if (_abortReason is { } reason)
        {
            return new ChatConnectionLostException(reason, ex);
        }

        var socketError = FindSocketError(ex)?.SocketErrorCode;
        var text = socketError switch
        {
            SocketError.ConnectionReset => "The connection was reset by the other side.",
            SocketError.ConnectionAborted or SocketError.OperationAborted => "The connection was aborted.",
            SocketError.Shutdown => "The connection is broken: the other side has gone.",
            SocketError.TimedOut => "The connection timed out.",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown =>
                "The other side can no longer be reached.",
            null when ex is ObjectDisposedException => "The connection was closed.",
            null when ex is AuthenticationException or IOException => "The TLS connection failed: the other side sent data that is not valid TLS, or ended it abruptly.",
            _ => "The connection failed.",
        };
        return new ChatConnectionLostException(text, ex);
    }

    private static SocketException? FindSocketError(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket;
            }
        }

        return null;
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

    private void SignalClosed() => _closed.Cancel();

    /// <summary>
    /// Closes the socket, and tells the receive loop to stop: the TLS stream may still hold
    /// decrypted bytes, which it would otherwise go on handing out without touching the socket.
    /// </summary>
    private void CloseSocket()
    {
        _socketClosed = true;
        _socket.Dispose();
    }
}
