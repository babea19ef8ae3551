namespace Chat.Protocol;

public sealed partial class ChatClient
{

    private async Task ReceiveLoopAsync()
    {
        await Task.Yield();
        Exception? failure = null;
        try
        {
            while (true)
            {
                var message = await _connection.ReceiveAsync(_stopping.Token).ConfigureAwait(false);
                Volatile.Write(ref _lastHeard, _options.TimeProvider.GetTimestamp());

                if (message is null)
                {
                    if (!_endExpected)
                    {
                        failure = new ChatConnectionLostException("The server closed the connection.");
                    }

                    break;
                }

                if (message is Ping ping)
                {
                    await TrySendAsync(new Pong(ping.Token)).ConfigureAwait(false);
                    continue;
                }

                if (!Track(message) || _incoming.Writer.TryWrite(message))
                {
                    continue;
                }

                // The application is a whole queue behind: wait for it to catch up.
                _waitingForApplication = true;
                try
                {
                    await _incoming.Writer.WriteAsync(message, _stopping.Token).ConfigureAwait(false);
                }
                finally
                {
                    _waitingForApplication = false;
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // This client is leaving.
        }
        catch (ChatException ex)
        {
            failure = _endExpected ? null : ex;
        }
        catch (Exception ex)
        {
            failure = new ChatException("The chat client failed: " + ex.Message, ex);
        }
        finally
        {
            await EndSessionAsync(failure).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes the connection (a reset after a failure, a graceful close after an expected end),
    /// stops the keep-alive, and completes the message stream, the pending pings and <see cref="Completion"/>.
    /// </summary>
    private async Task EndSessionAsync(Exception? failure)
    {
        _endReason = failure ?? new ChatConnectionLostException("The session has ended.");
        Interlocked.Exchange(ref _ended, 1);
        if (failure is not null)
        {
            _connection.Abort(failure.Message);
        }
        else
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        Finish(failure);
    }

    /// <summary>Updates the client's state for one message (other than a ping); returns whether the application should see it.</summary>
    private bool Track(ChatMessage message)
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
                or JoinRoom or LeaveRoom or ListRooms or SetTopic or ChangeName or SetAway:
                throw new ChatProtocolException(
                    $"The server sent {message.GetType().Name} during the session, which breaks the protocol.");
            case ServerShutdown:
            case ErrorMessage { Fatal: true }:
                // The server closes the connection next; that end is expected, not a loss.
                _endExpected = true;
                return true;
            default:
                // Presence, rooms, topics, renames, away: the state first, so that a request this
                // message answers, and the application reading it, find the state it brings.
                _rooms.Apply(message);
                _requests.Offer(message);
                return true;
        }
    }

    private async ValueTask TrySendAsync(ChatMessage message)
    {
        try
        {
            await _connection.SendAsync(message, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ChatException or OperationCanceledException)
        {
            // The receive loop learns of a broken connection on its next read.
        }
    }

    private void Finish(Exception? failure)
    {
        _incoming.Writer.TryComplete(failure);
        var lost = failure ?? new ChatConnectionLostException("The session has ended.");
        foreach (var ping in _pings.Values)
        {
            ping.Answer.TrySetException(lost);
        }

        _requests.End(lost as ChatConnectionLostException ?? new ChatConnectionLostException(lost.Message, lost));

        if (failure is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(failure);
        }
    }

    private async Task KeepAliveLoopAsync()
    {
        var time = _options.TimeProvider;
        var tick = TimeSpan.FromTicks(Math.Max(_options.KeepAliveInterval.Ticks / 3, TimeSpan.TicksPerMillisecond));
        using var timer = new PeriodicTimer(tick, time);
        Task? pinging = null;
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (_waitingForApplication)
                {
                    // The application is behind; silence from the network says nothing now.
                    Volatile.Write(ref _lastHeard, time.GetTimestamp());
                    continue;
                }

                var silence = time.GetElapsedTime(Volatile.Read(ref _lastHeard));
                if (silence >= _options.ServerTimeout)
                {
                    _connection.Abort($"The server has not answered for {_options.ServerTimeout.TotalSeconds:0} s; the connection is lost.");
                    return;
                }

                if (silence >= _options.KeepAliveInterval
                    && time.GetElapsedTime(_lastPinged) >= _options.KeepAliveInterval
                    && pinging is not { IsCompleted: false })
                {
                    // Not awaited: a ping stuck behind a server that stopped reading must not stop the timeout above.
                    _lastPinged = time.GetTimestamp();
                    pinging = TrySendAsync(new Ping(Interlocked.Increment(ref _nextPingToken))).AsTask();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // This client is leaving.
        }
    }
}
