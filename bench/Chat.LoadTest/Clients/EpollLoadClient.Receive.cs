using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Chat.LoadTest.Clients.Epoll;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.LoadTest.Clients;

internal sealed partial class EpollLoadClient
{
    /// <summary>
    /// Called by the receive loop's thread when the socket has bytes: reads them with
    /// recv(MSG_DONTWAIT) into the one buffer until the socket has no more (EAGAIN), and after
    /// each read handles every whole frame as the thin client does (the welcome first, while
    /// joining), every line of one read stamped with the time the read returned. Returns false
    /// when the session is over: the server closed the connection (EOF), the connection failed,
    /// the server broke the protocol, or it said it shuts down.
    /// </summary>
    internal unsafe bool OnReadable()
    {
        try
        {
            while (true)
            {
                _buffer.MakeRoom(_maxFrameLength);
                var free = _buffer.FreeSpace.Span;
                nint received;
                fixed (byte* into = free)
                {
                    received = EpollNative.Recv(Fd, into, (nuint)free.Length, EpollNative.MsgDontWait);
                }

                if (received > 0)
                {
                    _buffer.Commit((int)received);
                    if (!TakeFrames(Stopwatch.GetTimestamp()))
                    {
                        return false;
                    }

                    continue;
                }

                if (received == 0)
                {
                    return Closed("The server closed the connection.", "The server closed the connection before welcoming you.");
                }

                var error = Marshal.GetLastPInvokeError();
                if (error == EpollNative.EAgain)
                {
                    return true;
                }

                if (error != EpollNative.EIntr)
                {
                    var reason = $"The connection failed: {new SocketException(error).Message}";
                    return Closed(reason, reason);
                }
            }
        }
        catch (ChatException ex)
        {
            if (!_welcomed.TrySetException(ex))
            {
                Problems.ConnectionLost(ex.Message);
            }

            return false;
        }
    }

    /// <summary>
    /// Called by the receive loop once it no longer reads the socket: closes this side as the thin
    /// client does, and completes <see cref="Reading"/> (and a join still waiting for its welcome).
    /// A <paramref name="lossReason"/> (the loop failed) counts the session as lost, unless its end was expected.
    /// Only the first call does anything.
    /// </summary>
    internal void OnEnded(string? lossReason)
    {
        if (Interlocked.Exchange(ref _endedOnce, 1) != 0)
        {
            return;
        }

        if (lossReason is not null && _welcome is not null && !EndExpected)
        {
            Problems.ConnectionLost(lossReason);
        }

        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Closed already.
        }

        _welcomed.TrySetException(new ChatConnectionLostException("The connection ended before the server welcomed you."));
        _ended.TrySetResult();
    }

    /// <summary>The end of the connection: a loss unless it was expected (or the client was still joining, when the join fails instead).</summary>
    private bool Closed(string reason, string whileJoining)
    {
        if (!_welcomed.TrySetException(new ChatConnectionLostException(whileJoining)) && !EndExpected)
        {
            Problems.ConnectionLost(reason);
        }

        return false;
    }

    /// <summary>Handles every whole frame in the buffer; false when the session is over.</summary>
    private bool TakeFrames(long receivedAt)
    {
        if (_welcome is null && !_welcomed.Task.IsCompleted && !TakeWelcome())
        {
            return true;
        }

        while (_buffer.TryTakeFrame(_maxFrameLength, out var body))
        {
            if (TryTakeLine(body, receivedAt))
            {
                continue;
            }

            if (!OnRare(MessageSerializer.Decode(body), receivedAt, out var ping))
            {
                return false;
            }

            if (ping is not null)
            {
                _ = AnswerAsync(ping);
            }
        }

        return true;
    }

    /// <summary>Reads the handshake's frames in the buffer; true once the welcome has come.</summary>
    private bool TakeWelcome()
    {
        while (ThinHandshake.TryTakeReply(_buffer, _maxFrameLength, out var reply))
        {
            if (reply is Welcome welcome)
            {
                Volatile.Write(ref _welcome, welcome);
                _welcomed.TrySetResult(welcome);
                return true;
            }

            _ = AnswerAsync((Ping)reply!);
        }

        return false;
    }

    /// <summary>Answers a ping from the thread pool, so that the receive loop never waits for a send.</summary>
    private async Task AnswerAsync(Ping ping)
    {
        await Task.Yield();
        try
        {
            await SendFrameAsync(ThinHandshake.PongFrame(ping), _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ChatException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is ending: its reader reports that, if it is a loss.
        }
    }
}
