namespace Chat.Protocol;

public sealed partial class ChatClient
{
    /// <summary>Starts a session over a connection the server welcomed: its receive loop and keep-alive.</summary>
    private Session StartSession(IChatConnection connection, Welcome welcome, bool catchingUp)
    {
        var session = new Session(connection, welcome, _options.TimeProvider.GetTimestamp(), catchingUp, _stopping.Token);
        _welcome = welcome;
        _registered = welcome.Registered;
        _lastSession = session;
        _session = session;
        session.Receiving = ReceiveLoopAsync(session);
        session.KeepingAlive = KeepAliveLoopAsync(session);
        return session;
    }

    /// <summary>
    /// Reads the session's messages until it ends, then closes its connection (a reset after a
    /// failure, a graceful close after an expected end) and stops its keep-alive.
    /// </summary>
    /// <returns>Why the session ended: null when it ended as expected.</returns>
    private async Task<Exception?> ReceiveLoopAsync(Session session)
    {
        await Task.Yield();
        Exception? failure = null;
        try
        {
            while (true)
            {
                var message = await session.Connection.ReceiveAsync(session.Stopping.Token).ConfigureAwait(false);
                Volatile.Write(ref session.LastHeard, _options.TimeProvider.GetTimestamp());

                if (message is null)
                {
                    if (!session.EndExpected)
                    {
                        failure = new ChatConnectionLostException("The server closed the connection.");
                    }

                    break;
                }

                if (message is Ping ping)
                {
                    await TrySendAsync(session, new Pong(ping.Token)).ConfigureAwait(false);
                    continue;
                }

                if (!Track(session, message) || session.TryHold(message))
                {
                    continue;
                }

                if (!Note(message))
                {
                    // Given already in a catch-up's batch: a line the room published to this session
                    // only after the server had read it into the batch.
                    continue;
                }

                if (_incoming.Writer.TryWrite(message))
                {
                    continue;
                }

                // The application is a whole queue behind: wait for it to catch up.
                session.WaitingForApplication = true;
                try
                {
                    await _incoming.Writer.WriteAsync(message, session.Stopping.Token).ConfigureAwait(false);
                }
                finally
                {
                    session.WaitingForApplication = false;
                }
            }
        }
        catch (OperationCanceledException) when (session.Stopping.IsCancellationRequested)
        {
            // This client is leaving.
        }
        catch (ChatException ex)
        {
            failure = session.EndExpected ? null : ex;
        }
        catch (Exception ex)
        {
            failure = new ChatException("The chat client failed: " + ex.Message, ex);
        }

        session.EndReason = failure ?? new ChatConnectionLostException("The session has ended.");
        if (failure is not null)
        {
            session.Connection.Abort(failure.Message);
        }
        else
        {
            await session.Connection.DisposeAsync().ConfigureAwait(false);
        }

        await session.Stopping.CancelAsync().ConfigureAwait(false);
        return failure;
    }

    /// <summary>Updates the client's state for one message (other than a ping); returns whether the application should see it.</summary>
    private bool Track(Session session, ChatMessage message)
    {
        switch (message)
        {
            case TextPosted or PrivateMessage:
                return true;
            case Pong pong:
                if (_pings.TryGetValue(pong.Token, out var pending))
                {
                    pending.Answer.TrySetResult(_options.TimeProvider.GetTimestamp());
                }

                return false;
            case Hello or SendText or SendPrivate or Goodbye or Chat.Protocol.Welcome or Rejected
                or JoinRoom or LeaveRoom or ListRooms or SetTopic or ChangeName or SetAway or HistoryRequest or SearchRequest
                or RegisterName or OperatorRequest:
                throw new ChatProtocolException(
                    $"The server sent {message.GetType().Name} during the session, which breaks the protocol.");
            case ServerShutdown:
            case ErrorMessage { Fatal: true }:
                // The server closes the connection next; that end is expected, not a loss.
                session.EndMessage = message;
                session.EndExpected = true;
                return true;
            default:
                // Presence, rooms, topics, renames, away: the state first, so that a request this
                // message answers, and the application reading it, find the state it brings. The
                // answer to a request of the client's own (history, search, catch-up) is that request's alone.
                _rooms.Apply(message);
                return !_requests.Offer(message);
        }
    }

    /// <summary>Remembers the ids of the lines a message hands the application, for a catch-up after a reconnect.</summary>
    /// <returns><see langword="false"/> for a room line whose id was given already (a room's lines reach a member in id order, so it is not to be given again).</returns>
    private bool Note(ChatMessage message)
    {
        if (_seen is null)
        {
            return true;
        }

        switch (message)
        {
            case TextPosted posted:
                return _seen.See(RoomOf(posted.Room), posted.Id);
            case PrivateMessage { Id: > 0 } whisper:
                // Private messages from different senders may arrive out of id order: never dropped here.
                _seen.SeePrivate(whisper.Id);
                return true;
            case RoomJoined joined:
                _seen.SeeAll(joined.Room, joined.Recent);
                break;
            case HistoryBatch { Private: true } batch:
                foreach (var line in batch.PrivateLines)
                {
                    _seen.SeePrivate(line.Id);
                }

                break;
            case HistoryBatch batch:
                _seen.SeeAll(RoomOf(batch.Target), batch.Lines);
                break;
        }

        return true;
    }

    /// <summary>Whether a live message held during a catch-up was handed over already (in a history batch).</summary>
    private bool WasGiven(ChatMessage message) => _seen is not null && message switch
    {
        TextPosted posted => posted.Id <= _seen.Of(RoomOf(posted.Room)),
        PrivateMessage { Id: > 0 } whisper => whisper.Id <= _seen.Private,
        _ => false,
    };

    private string RoomOf(string room) => room.Length == 0 ? DefaultRoom : room;

    /// <summary>Hands the application a message made or held by the client (not read just now by the receive loop).</summary>
    private async ValueTask DeliverAsync(ChatMessage message)
    {
        Note(message);
        if (!_incoming.Writer.TryWrite(message))
        {
            await _incoming.Writer.WriteAsync(message, _stopping.Token).ConfigureAwait(false);
        }
    }

    private static async ValueTask TrySendAsync(Session session, ChatMessage message)
    {
        try
        {
            await session.Connection.SendAsync(message, session.Stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ChatException or OperationCanceledException)
        {
            // The receive loop learns of a broken connection on its next read.
        }
    }

    private async Task KeepAliveLoopAsync(Session session)
    {
        var time = _options.TimeProvider;
        var tick = TimeSpan.FromTicks(Math.Max(_options.KeepAliveInterval.Ticks / 3, TimeSpan.TicksPerMillisecond));
        using var timer = new PeriodicTimer(tick, time);
        Task? pinging = null;
        try
        {
            while (await timer.WaitForNextTickAsync(session.Stopping.Token).ConfigureAwait(false))
            {
                if (session.WaitingForApplication)
                {
                    // The application is behind; silence from the network says nothing now.
                    Volatile.Write(ref session.LastHeard, time.GetTimestamp());
                    continue;
                }

                var silence = time.GetElapsedTime(Volatile.Read(ref session.LastHeard));
                if (silence >= _options.ServerTimeout)
                {
                    session.Connection.Abort($"The server has not answered for {_options.ServerTimeout.TotalSeconds:0} s; the connection is lost.");
                    return;
                }

                if (silence >= _options.KeepAliveInterval
                    && time.GetElapsedTime(session.LastPinged) >= _options.KeepAliveInterval
                    && pinging is not { IsCompleted: false })
                {
                    // Not awaited: a ping stuck behind a server that stopped reading must not stop the timeout above.
                    session.LastPinged = time.GetTimestamp();
                    pinging = TrySendAsync(session, new Ping(Interlocked.Increment(ref _nextPingToken))).AsTask();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session is over, or this client is leaving.
        }
    }
}
