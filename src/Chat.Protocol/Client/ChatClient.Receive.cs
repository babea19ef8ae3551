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

                if (!await HandleAsync(message).ConfigureAwait(false))
                {
                    continue;
                }

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
            Finish(failure);
        }
    }

    /// <summary>Updates the client's state for one message; returns whether the application should see it.</summary>
    private async ValueTask<bool> HandleAsync(ChatMessage message)
    {
        switch (message)
        {
            case Ping ping:
                await TrySendAsync(new Pong(ping.Token)).ConfigureAwait(false);
                return false;
            case Pong pong:
                if (_pings.TryGetValue(pong.Token, out var pending))
                {
                    pending.Answer.TrySetResult(_options.TimeProvider.GetTimestamp());
                }

                return false;
            case UsersJoined joined:
                lock (_usersLock)
                {
                    _users.UnionWith(joined.UserNames);
                }

                return true;
            case UsersLeft left:
                lock (_usersLock)
                {
                    foreach (var departure in left.Departures)
                    {
                        _users.Remove(departure.UserName);
                    }
                }

                return true;
            case ServerShutdown:
            case ErrorMessage { Fatal: true }:
                // The server closes the connection next; that end is expected, not a loss.
                _endExpected = true;
                return true;
            default:
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

                if (silence >= _options.KeepAliveInterval && time.GetElapsedTime(_lastPinged) >= _options.KeepAliveInterval)
                {
                    _lastPinged = time.GetTimestamp();
                    await TrySendAsync(new Ping(Interlocked.Increment(ref _nextPingToken))).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // This client is leaving.
        }
    }
}
