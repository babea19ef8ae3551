using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Chat.Protocol.Internal;
using Chat.Protocol.Wire.Transports;

namespace Chat.Protocol.Wire;

/// <summary>
/// The connection every ChatRoom program uses: frames and messages over a TCP socket or an
/// in-memory pipe pair. See <see cref="IChatConnection"/> for the contract.
/// </summary>
/// <remarks>Part of the wire layer (<c>Chat.Protocol.Wire</c>), for servers, transports and tools; an app talks to a server through <see cref="ChatClient"/>.</remarks>
public sealed partial class ChatConnection : IChatConnection
{
    private readonly IConnectionTransport _transport;
    private readonly int _maxFrameLength;
    private readonly TimeSpan _closeTimeout;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenRegistration _closedRegistration;
    private readonly FrameBudget? _frameBudget;
    private bool _outputCompleted;
    private TaskCompletionSource? _closing;

    // The open pipe read, used by the single reader only: the bytes it returned that are not yet
    // decoded, and whether the peer's stream ended after them.
    private ReadOnlySequence<byte> _held;
    private bool _holding;
    private bool _heldCompleted;

    internal ChatConnection(IConnectionTransport transport, ChatConnectionOptions options)
    {
        _transport = transport;
        _maxFrameLength = options.MaxFrameLength;
        _closeTimeout = options.CloseTimeout;
        _frameBudget = FrameBudget.For(options);

        // Once the connection is closed, a send waiting for the peer to read would wait forever.
        _closedRegistration = transport.Closed.UnsafeRegister(
            static state => ((PipeWriter)state!).CancelPendingFlush(), transport.Output);
    }

    /// <inheritdoc />
    public EndPoint? RemoteEndPoint => _transport.RemoteEndPoint;

    /// <inheritdoc />
    public CancellationToken Closed => _transport.Closed;

    /// <summary>Creates two connected in-memory connections, for tests and for hosting a room inside one process.</summary>
    /// <param name="options">Settings for both ends; <see cref="ChatConnectionOptions.Default"/> when omitted.</param>
    /// <returns>The two ends: what one sends, the other receives.</returns>
    public static (ChatConnection Client, ChatConnection Server) CreatePair(ChatConnectionOptions? options = null)
    {
        options ??= ChatConnectionOptions.Default;
        options.Validate();
        var (client, server) = MemoryTransport.CreatePair(options);
        return (new ChatConnection(client, options), new ChatConnection(server, options));
    }

    /// <summary>Wraps a connected TCP socket. The connection owns the socket from now on.</summary>
    /// <param name="socket">A connected stream socket.</param>
    /// <param name="options">Settings; <see cref="ChatConnectionOptions.Default"/> when omitted.</param>
    /// <returns>The connection.</returns>
    public static ChatConnection FromSocket(Socket socket, ChatConnectionOptions? options = null) =>
        WrapSocket(socket, options, waitForData: true);

    /// <summary>Wraps a connected TCP socket; <paramref name="waitForData"/> as <see cref="SocketTransport"/> explains.</summary>
    internal static ChatConnection WrapSocket(Socket socket, ChatConnectionOptions? options, bool waitForData)
    {
        ArgumentNullException.ThrowIfNull(socket);
        options ??= ChatConnectionOptions.Default;
        options.Validate();
        socket.NoDelay = true;
        return new ChatConnection(new SocketTransport(socket, options, waitForData), options);
    }

    /// <summary>Wraps a socket a TLS listener accepted; the TLS handshake runs on the connection's own receive loop.</summary>
    internal static ChatConnection AcceptTls(Socket socket, ChatConnectionOptions options, ChatServerCertificate certificate)
    {
        socket.NoDelay = true;
        return new ChatConnection(TlsTransport.Accept(socket, options, certificate), options);
    }

    /// <inheritdoc />
    public ValueTask<ChatMessage?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        // One read from the pipe often brings many frames: they are decoded one call at a time
        // from the held buffer, without going back to the pipe (or through an async state machine).
        if (_holding)
        {
            ThrowIfUnusable();
            if (TryTakeHeld(out var message))
            {
                return new ValueTask<ChatMessage?>(message);
            }
        }

        return ReceiveFromPipeAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCannotSend();
            MessageSerializer.WriteFrame(_transport.Output, message);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(EncodedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCannotSend();
            _transport.Output.Write(message.Frame.Span);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<EncodedMessage> messages, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCannotSend();
            var output = _transport.Output;
            for (var i = 0; i < messages.Length; i++)
            {
                output.Write(messages.Span[i].Frame.Span);
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc />
    public bool TrySend(ReadOnlySpan<EncodedMessage> messages)
    {
        if (messages.IsEmpty)
        {
            return true;
        }

        if (!_sendLock.Wait(0))
        {
            return false; // Someone is sending: what they send must go out first.
        }

        try
        {
            if (_outputCompleted || _transport.Closed.IsCancellationRequested || _transport.AbortReason is not null || IsDisposed)
            {
                return false; // SendAsync reports why.
            }

            return _transport.TrySendNow(messages);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc />
    public void Abort(string reason = "The connection was aborted.")
    {
        if (_closing is { Task.IsCompleted: true })
        {
            return; // Closed already: there is nothing left to tear down, and the peer saw a clean end.
        }

        _transport.Abort(reason);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Every caller waits for the one close: a second dispose must not return while the first is still closing.
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _closing, mine, null) is { } closing)
        {
            await closing.Task.ConfigureAwait(false);
            return;
        }

        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            mine.SetResult();
        }
    }

    private async ValueTask<ChatMessage?> ReceiveFromPipeAsync(CancellationToken cancellationToken)
    {
        var input = _transport.Input;
        while (true)
        {
            ThrowIfUnusable();
            if (_holding)
            {
                // No whole frame is left in the held buffer: hand it back and wait for more bytes.
                var rest = _held;
                var ended = _heldCompleted;
                ReleaseHeld();
                if (ended)
                {
                    if (rest.IsEmpty)
                    {
                        return null;
                    }

                    throw new ChatProtocolException(
                        $"The connection ended in the middle of a frame ({rest.Length} bytes were left over).");
                }
            }

            ReadResult result;
            try
            {
                result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not ChatException && ex is not OperationCanceledException)
            {
                throw Lost("The connection is closed.", ex);
            }

            if (result.IsCanceled)
            {
                input.AdvanceTo(result.Buffer.Start);
                ThrowIfUnusable();
                throw Lost("The connection is closed.");
            }

            _held = result.Buffer;
            _heldCompleted = result.IsCompleted;
            _holding = true;
            if (TryTakeHeld(out var message))
            {
                return message;
            }
        }
    }

    /// <summary>Decodes the next whole frame of the held buffer, skipping message types this version does not know.</summary>
    /// <returns>Whether a message was taken; <see langword="false"/> when the held buffer holds no whole frame.</returns>
    private bool TryTakeHeld(out ChatMessage? message)
    {
        try
        {
            while (FrameReader.TryReadFrame(ref _held, _maxFrameLength, out var body))
            {
                // Every frame counts toward the budget, known or not (ChatConnectionOptions.ReceiveFrameRate).
                _frameBudget?.Take();
                message = MessageSerializer.Decode(body);
                if (message is not null)
                {
                    return true;
                }

                // A message type this version does not know: skip it.
            }
        }
        catch
        {
            // A frame too large stays unconsumed; a malformed one is consumed. Either way the read ends here.
            ReleaseHeld();
            throw;
        }

        message = null;
        return false;
    }

    /// <summary>Ends the open pipe read: everything before the held buffer is consumed, all of it examined.</summary>
    private void ReleaseHeld()
    {
        _holding = false;
        var held = _held;
        _held = default;
        _transport.Input.AdvanceTo(held.Start, held.End);
    }

    private bool IsDisposed => Volatile.Read(ref _closing) is not null;

    private async Task CloseAsync()
    {
        // Let a send in progress finish its frame, then end the stream; a send stuck on a peer
        // that does not read is cut off after the close timeout. Sends still waiting for their
        // turn find the connection closed and fail.
        if (await _sendLock.WaitAsync(_closeTimeout).ConfigureAwait(false))
        {
            try
            {
                _outputCompleted = true;
                await _transport.Output.CompleteAsync().ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        else
        {
            _transport.Abort("The connection was closed while a send was still waiting for the other side.");
        }

        _transport.Input.CancelPendingRead();
        await _transport.DisposeAsync().ConfigureAwait(false);
        await _closedRegistration.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        FlushResult result;
        _transport.Flushing();
        try
        {
            result = await _transport.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ChatException && ex is not OperationCanceledException)
        {
            throw Lost("The connection is closed.", ex);
        }

        if (result.IsCanceled || result.IsCompleted)
        {
            throw Lost(IsDisposed ? "The connection is closed." : "The other side closed the connection.");
        }
    }

    private void ThrowIfUnusable()
    {
        if (_transport.AbortReason is { } reason)
        {
            throw new ChatConnectionLostException(reason);
        }

        if (IsDisposed)
        {
            throw new ChatConnectionLostException("The connection is closed.");
        }
    }

    private void ThrowIfCannotSend()
    {
        ThrowIfUnusable();
        if (_outputCompleted || _transport.Closed.IsCancellationRequested)
        {
            throw Lost("The other side closed the connection.");
        }
    }

    private ChatConnectionLostException Lost(string text, Exception? inner = null) =>
        new(_transport.AbortReason ?? text, inner);
}
