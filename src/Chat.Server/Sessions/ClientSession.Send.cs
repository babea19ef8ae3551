using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

internal sealed partial class ClientSession
{
    /// <summary>The most bytes of frames one flush carries: the connection's send buffer (<see cref="ChatConnectionOptions.MaxPendingSendBytes"/>).</summary>
    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// Drains the client's queue: takes everything queued and writes it with one flush, until
    /// the queue is completed and empty. Runs from the welcome to the end of the session.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var batch = OutgoingQueue.NewBatch();
        try
        {
            while (await _queue.WaitToReadAsync())
            {
                var count = _queue.TakeAll(ref batch);
                if (count == 0)
                {
                    continue;
                }

                await SendInChunksAsync(batch, count);
                OutgoingQueue.Recycle(ref batch, count);
                _metrics.Delivered(count);
            }
        }
        catch (OperationCanceledException) when (_writerStop.IsCancellationRequested)
        {
            // The session is closing and gave up on delivering the rest.
        }
        catch (ChatException) when (_connection.Closed.IsCancellationRequested)
        {
            // The connection closed, most often because the client closed its socket entirely
            // right after its goodbye (a send then meets a reset). The read loop still has what
            // the client sent before that, and decides the end once it has read it (a goodbye, a
            // clean end, or a lost connection).
        }
        catch (ChatException ex)
        {
            Disconnect(SessionEnd.ConnectionLost(ex));
        }
        catch (Exception ex)
        {
            Disconnect(SessionEnd.InternalError(ex));
        }
    }

    /// <summary>
    /// Writes a batch with one flush per <see cref="ChunkBytes"/> of frames (one flush in all for
    /// the usual small batch). The connection copies what it is given into its send buffer, so a
    /// client that does not read holds at most a chunk there; the rest of its backlog stays in its
    /// queue and batch as references to frames shared by every recipient.
    /// </summary>
    private async ValueTask SendInChunksAsync(EncodedMessage[] batch, int count)
    {
        var start = 0;
        while (start < count)
        {
            var end = start;
            long bytes = 0;
            do
            {
                bytes += batch[end].Frame.Length;
                end++;
            }
            while (end < count && bytes + batch[end].Frame.Length <= ChunkBytes);

            await _connection.SendAsync(batch.AsMemory(start, end - start), _writerStop.Token);
            start = end;
        }
    }

    /// <summary>
    /// Ends the session once its end is decided: leaves every room, logs once, delivers the
    /// farewell within the close timeout, and closes the connection.
    /// </summary>
    private async Task CloseAsync()
    {
        var end = End ?? throw new InvalidOperationException("A session closes only after its end is decided.");
        if (_joined)
        {
            // The session's end leaves every room the user is in; the name is freed after.
            foreach (var room in _rooms.RemoveAll())
            {
                room.Leave(this, end.Reason, end.Text);
                await _registry.RetireIfEmptyAsync(room);
            }

            _metrics.ClientLeft();
        }

        if (_claimed)
        {
            _users.Release(this);
        }

        LogEnd(end);
        var delivered = await DeliverFarewellAsync(end);
        if (ResetsConnection(end, delivered))
        {
            _connection.Abort("The connection was closed by the server.");
        }

        await _connection.DisposeAsync();
        _metrics.ConnectionClosed(end.Cause);
        _writerStop.Dispose();
        _stopping.Dispose();
    }

    /// <summary>
    /// Whether to cut the connection off with a reset rather than close it: when it is broken
    /// already, or when what the client should still receive did not go out in time (for a slow
    /// consumer, within <see cref="ChatServerOptions.SlowConsumerGrace"/>).
    /// </summary>
    private static bool ResetsConnection(SessionEnd end, bool delivered) =>
        end.Cause == DisconnectCause.ConnectionLost || !delivered;

    /// <summary>Delivers what the client should still receive, within the close timeout.</summary>
    /// <returns>Whether everything meant for the client went out in time.</returns>
    private async Task<bool> DeliverFarewellAsync(SessionEnd end)
    {
        var timeout = _options.CloseTimeout;
        if (_writer is not null && !end.DiscardsQueue)
        {
            // The writer delivers what was queued, then the farewell, then stops.
            try
            {
                await _writer.WaitAsync(timeout);
                return true;
            }
            catch (TimeoutException)
            {
                await _writerStop.CancelAsync();
                await _writer;
                return false;
            }
        }

        if (_writer is not null)
        {
            // Nothing queued will be delivered: stop a writer that may be stuck on a client that does not read.
            await _writerStop.CancelAsync();
            await _writer;
        }

        if (end.Farewell is null)
        {
            return true;
        }

        // Best effort: a client that stopped reading may never take it. A slow consumer's error
        // waits behind what was already on its connection, for a client that reads late.
        using var deadline = new CancellationTokenSource(end.Cause == DisconnectCause.SlowConsumer ? _options.SlowConsumerGrace : timeout);
        try
        {
            await _connection.SendAsync(end.Farewell, deadline.Token);
            _metrics.Delivered(1);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChatException)
        {
            return false;
        }
    }

    private void LogEnd(SessionEnd end)
    {
        var client = Describe();
        var text = LogText.Clean(end.Text, 200);
        switch (end.Cause)
        {
            case DisconnectCause.InternalError:
                LogFailed(_logger, client, end.Error);
                break;
            case DisconnectCause.ProtocolViolation:
                LogViolation(_logger, client, LogText.Clean(end.Error?.Message ?? end.Text, 200));
                break;
            case DisconnectCause.SlowConsumer or DisconnectCause.ExcessFlood:
                LogDropped(_logger, client, end.Cause, text);
                break;
            case DisconnectCause.ServerShutdown or DisconnectCause.Rejected:
                LogClosed(_logger, client, end.Cause);
                break;
            case DisconnectCause.HandshakeTimeout or DisconnectCause.Evicted or DisconnectCause.BadPassword
                or DisconnectCause.Refused or DisconnectCause.OverFrameBudget:
                // These come in floods: the server sums them up per address (AccessSummary).
                LogClosed(_logger, client, end.Cause);
                break;
            case DisconnectCause.Quit when !_joined:
                LogLeftBeforeHello(_logger, client);
                break;
            default:
                LogLeft(_logger, client, end.Cause, text);
                break;
        }
    }
}
