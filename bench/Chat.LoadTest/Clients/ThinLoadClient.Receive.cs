using System.Diagnostics;
using System.Net.Sockets;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.LoadTest.Clients;

internal sealed partial class ThinLoadClient
{
    /// <summary>
    /// The read loop: each read goes into the one buffer, and every whole frame in it is looked at
    /// in place. A line (TextPosted) is read with a MessagePackReader over the frame's
    /// bytes: its id, and its text's UTF-8 bytes, from which the run's tag and sequence are parsed;
    /// nothing is allocated. Anything else is rare here and is decoded by the library
    /// (<see cref="RawSocketLoadClient.OnRare"/>). Every line of one read is stamped with the time the read completed.
    /// </summary>
    private async Task ReadAsync()
    {
        await Task.Yield();
        try
        {
            await ReadFramesAsync().ConfigureAwait(false);
        }
        finally
        {
            // The session is over (or the server is closing it): close this side too, as the client library does.
            try
            {
                Socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Closed already.
            }
        }
    }

    private async Task ReadFramesAsync()
    {
        try
        {
            var receivedAt = Stopwatch.GetTimestamp();
            while (true)
            {
                while (_buffer.TryTakeFrame(_maxFrameLength, out var body))
                {
                    if (TryTakeLine(body, receivedAt))
                    {
                        continue;
                    }

                    if (!OnRare(MessageSerializer.Decode(body), receivedAt, out var ping))
                    {
                        return;
                    }

                    if (ping is not null)
                    {
                        await SendFrameAsync(ThinHandshake.PongFrame(ping), _stopping.Token).ConfigureAwait(false);
                    }
                }

                _buffer.MakeRoom(_maxFrameLength);
                var received = await Socket.ReceiveAsync(_buffer.FreeSpace, SocketFlags.None, _stopping.Token).ConfigureAwait(false);
                receivedAt = Stopwatch.GetTimestamp();
                if (received == 0)
                {
                    if (!EndExpected)
                    {
                        Problems.ConnectionLost("The server closed the connection.");
                    }

                    return;
                }

                _buffer.Commit(received);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Closing.
        }
        catch (ChatException ex)
        {
            Problems.ConnectionLost(ex.Message);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            if (!EndExpected)
            {
                Problems.ConnectionLost($"The connection failed: {ex.Message}");
            }
        }
    }
}
