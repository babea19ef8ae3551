using System.Diagnostics;
using System.Net.Sockets;
using Chat.LoadTest.Measurement;
using Chat.Protocol;
using Chat.Protocol.Wire;
using MessagePack;

namespace Chat.LoadTest.Clients;

internal sealed partial class ThinLoadClient
{
    /// <summary>
    /// The read loop: each read goes into the one buffer, and every whole frame in it is looked at
    /// in place. A line (TextPosted) is read with a <see cref="MessagePackReader"/> over the frame's
    /// bytes: its id, and its text's UTF-8 bytes, from which the run's tag and sequence are parsed;
    /// nothing is allocated. Anything else is rare here and is decoded by the library
    /// (<see cref="OnRareAsync"/>). Every line of one read is stamped with the time the read completed.
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
                _socket.Shutdown(SocketShutdown.Both);
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
                    if (!TryTakeLine(body, receivedAt) && !await OnRareAsync(MessageSerializer.Decode(body), receivedAt).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                _buffer.MakeRoom(_maxFrameLength);
                var received = await _socket.ReceiveAsync(_buffer.FreeSpace, SocketFlags.None, _stopping.Token).ConfigureAwait(false);
                receivedAt = Stopwatch.GetTimestamp();
                if (received == 0)
                {
                    if (!_endExpected)
                    {
                        _problems.ConnectionLost("The server closed the connection.");
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
            _problems.ConnectionLost(ex.Message);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            if (!_endExpected)
            {
                _problems.ConnectionLost($"The connection failed: {ex.Message}");
            }
        }
    }

    /// <summary>
    /// Handles <paramref name="body"/> when it is a line laid out as the server writes it
    /// (<c>[5, [id, author, text, ...]]</c>), without allocating; false for any other message, or
    /// a line this cannot read, which the library then decodes (and rejects, when it is malformed).
    /// </summary>
    private bool TryTakeLine(ReadOnlyMemory<byte> body, long receivedAt)
    {
        var head = body.Span;
        if (head.Length < 2 || head[0] != 0x92 || head[1] != MessageIds.TextPosted)
        {
            return false;
        }

        long id;
        ReadOnlySpan<byte> text;
        try
        {
            var reader = new MessagePackReader(body);
            reader.ReadArrayHeader();
            reader.ReadInt32();
            if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() < 4
                || reader.NextMessagePackType != MessagePackType.Integer)
            {
                return false;
            }

            id = reader.ReadInt64();
            reader.Skip(); // the author
            if (reader.NextMessagePackType != MessagePackType.String || !reader.TryReadStringSpan(out text))
            {
                return false;
            }
        }
        catch (Exception ex) when (MessageSerializer.IsDecodingFailure(ex))
        {
            return false;
        }

        var lines = Lines;
        if (lines is not null && LineText.TryParse(text, lines.Tag, out var sequence))
        {
            OnLine(lines, id, sequence, receivedAt, _problems);
        }

        return true;
    }

    /// <summary>
    /// A message other than a line, decoded by the library, handled as <see cref="LibraryLoadClient"/>
    /// handles it: a ping is answered, presence to this client (which declined it) is a problem, a
    /// server error is counted. Returns false when the session is over (the server is shutting down).
    /// </summary>
    private async ValueTask<bool> OnRareAsync(ChatMessage? message, long receivedAt)
    {
        switch (message)
        {
            case TextPosted posted:
                // A line the allocation-free path could not read, but the library could.
                if (Lines is { } lines && LineText.TryParse(posted.Text, lines.Tag, out var sequence))
                {
                    OnLine(lines, posted.Id, sequence, receivedAt, _problems);
                }

                break;
            case Ping ping:
                await SendFrameAsync(MessageSerializer.ToFrame(new Pong(ping.Token)), _stopping.Token).ConfigureAwait(false);
                break;
            case UsersJoined or UsersLeft:
                _problems.PresenceUnwanted();
                break;
            case ErrorMessage error:
                _endExpected |= error.Fatal; // the server closes the connection next
                _problems.ServerError(error.Text);
                break;
            case ServerShutdown:
                _endExpected = true;
                return false;
        }

        return true;
    }
}
