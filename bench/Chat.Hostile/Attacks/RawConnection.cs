using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Chat.Hostile.Attacks;

/// <summary>
/// One attacking connection over a plain socket: it sends any bytes, reads what the server
/// answers, half-closes or resets, and says how the server ended it.
/// </summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly AttackTarget _target;
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly List<ChatMessage> _received = [];
    private bool _closedByServer;
    private bool _resetByServer;
    private bool _abandoned;
    private string? _joinedAs;

    private RawConnection(Socket socket, AttackTarget target)
    {
        _socket = socket;
        _target = target;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    /// <summary>The server's welcome, once <see cref="JoinAsync"/> succeeded.</summary>
    public Welcome? Welcome { get; private set; }

    /// <summary>The messages the server has sent so far.</summary>
    public IReadOnlyList<ChatMessage> Received => _received;

    /// <summary>Connects to the target, from its local address if it names one.</summary>
    /// <param name="target">Where to connect.</param>
    /// <param name="receiveBufferSize">A small receive buffer, for a client that stops reading.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="SocketException">The connection was refused.</exception>
    public static async Task<RawConnection> ConnectAsync(AttackTarget target, int? receiveBufferSize = null, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(target.Server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (receiveBufferSize is { } size)
            {
                socket.ReceiveBufferSize = size; // before connecting, so that the advertised window stays small
            }

            if (target.LocalAddress is { } local)
            {
                socket.Bind(new IPEndPoint(local, 0));
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(target.Patience);
            await socket.ConnectAsync(target.Server, timeout.Token).ConfigureAwait(false);
            return new RawConnection(socket, target);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A connection attempt that reports a refusal as a result instead of an exception.</summary>
    public static async Task<(RawConnection? Connection, AttackResult? Refusal)> TryConnectAsync(
        AttackTarget target, string attack, int? receiveBufferSize = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return (await ConnectAsync(target, receiveBufferSize, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, new AttackResult(attack, AttackEnding.Refused, [], Stopwatch.GetElapsedTime(started)));
        }
    }

    /// <summary>Sends bytes as they are.</summary>
    /// <returns><see langword="false"/> when the server has already closed or reset the connection.</returns>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_target.Patience);
            await _stream.WriteAsync(bytes, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            return false; // The server is done with us; what it said first is still to be read.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // The server stopped reading, and our patience ran out.
        }
    }

    /// <summary>Sends one message as a frame.</summary>
    public Task<bool> SendAsync(ChatMessage message, CancellationToken cancellationToken = default) =>
        SendAsync(MessageSerializer.ToFrame(message), cancellationToken);

    /// <summary>Sends a frame whose body is given as it is, with a correct length prefix.</summary>
    public Task<bool> SendBodyAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        SendAsync(Frame(body.Span), cancellationToken);

    /// <summary>Sends bytes one at a time, <see cref="AttackTarget.Pace"/> apart, as a slowloris does.</summary>
    /// <returns><see langword="false"/> when the server ended the connection before the last byte.</returns>
    public async Task<bool> TrickleAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (!await SendAsync(bytes.Slice(i, 1), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            // The pacing is the attack. Between bytes, look whether the server has given up on us.
            if (await ServerEndedWithinAsync(_target.Pace, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Says hello under <paramref name="name"/> and returns the server's first answer.</summary>
    public async Task<ChatMessage?> HelloAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!await SendAsync(new Hello(ProtocolInfo.Version, name, "Chat.Hostile", "1.0"), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return await ReceiveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Says hello and reports whether the server let us in.</summary>
    public async Task<bool> JoinAsync(string name, CancellationToken cancellationToken = default)
    {
        if (await HelloAsync(name, cancellationToken).ConfigureAwait(false) is not Welcome welcome)
        {
            return false;
        }

        Welcome = welcome;
        _joinedAs = welcome.UserName;
        return true;
    }

    /// <summary>Closes the sending direction (a FIN), as a client that has said all it will.</summary>
    public void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The server was faster.
        }
    }

    /// <summary>Reads one message; <see langword="null"/> once the server has ended the connection or our patience ran out.</summary>
    public async Task<ChatMessage?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_target.Patience);
        return await ReceiveAsync(timeout.Token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads until a message of type <typeparamref name="T"/> arrives or the connection ends.</summary>
    public async Task<T?> ReceiveAsync<T>(CancellationToken cancellationToken = default)
        where T : ChatMessage
    {
        while (await ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            if (message is T wanted)
            {
                return wanted;
            }
        }

        return null;
    }

    /// <summary>Reads everything until the server ends the connection, or our patience runs out, and says how it ended.</summary>
    /// <param name="attack">The attack's name, for the result.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public async Task<AttackResult> ReadToEndAsync(string attack, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_target.Patience);
        while (await ReceiveAsync(timeout.Token, cancellationToken).ConfigureAwait(false) is not null)
        {
        }

        return Result(attack);
    }

    /// <summary>The result so far, for an attack that ends the connection itself.</summary>
    public AttackResult Result(string attack)
    {
        var ending = _resetByServer ? AttackEnding.ResetByServer
            : _closedByServer ? AttackEnding.ClosedByServer
            : _abandoned ? AttackEnding.AbandonedByAttacker
            : AttackEnding.StillOpen;
        return new AttackResult(attack, ending, [.. _received], Stopwatch.GetElapsedTime(_startedAt)) { JoinedAs = _joinedAs };
    }

    /// <summary>Tears the connection down with a TCP reset, as a crashed client or a pulled cable would look.</summary>
    public void Reset()
    {
        _abandoned = true;
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Frames a body: the 4-byte big-endian length, then the body.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> body)
    {
        var frame = new byte[ProtocolInfo.FramePrefixLength + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
        body.CopyTo(frame.AsSpan(ProtocolInfo.FramePrefixLength));
        return frame;
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits up to <paramref name="delay"/> for the server to end the connection, reading what it sends meanwhile.</summary>
    private async Task<bool> ServerEndedWithinAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        using var pause = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        pause.CancelAfter(delay);
        while (await ReceiveAsync(pause.Token, cancellationToken).ConfigureAwait(false) is not null)
        {
        }

        return _closedByServer || _resetByServer;
    }

    private async Task<ChatMessage?> ReceiveAsync(CancellationToken stop, CancellationToken cancellationToken)
    {
        if (_closedByServer || _resetByServer || _abandoned)
        {
            return null;
        }

        try
        {
            while (true)
            {
                var prefix = new byte[ProtocolInfo.FramePrefixLength];
                if (await _stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, stop).ConfigureAwait(false) < prefix.Length)
                {
                    _closedByServer = true;
                    return null;
                }

                var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
                if (length > ProtocolInfo.MaxServerFrameLength)
                {
                    throw new InvalidDataException($"The server sent a frame of {length} bytes, more than any server may.");
                }

                var body = new byte[length];
                if (await _stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, stop).ConfigureAwait(false) < body.Length)
                {
                    _closedByServer = true;
                    return null;
                }

                // A type from a newer server is skipped, as every client does.
                if (MessageSerializer.Decode(body) is { } message)
                {
                    _received.Add(message);
                    return message;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // patience ran out, or a slow sender's pause is over
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted })
        {
            _resetByServer = true;
            return null;
        }
    }
}
