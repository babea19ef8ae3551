namespace Chat.Protocol;

public sealed partial class ChatClient
{
    private Session _lastSession = null!;
    private TaskCompletionSource? _waking;
    private int _attempt;

    /// <summary>
    /// Cuts short the wait before the next attempt to reconnect (<see cref="Reconnecting.Delay"/>),
    /// so that it starts now, as when a user asks to try again.
    /// </summary>
    /// <returns>Whether the client was waiting to reconnect; false when it is connected, trying already, or stopped.</returns>
    public bool ReconnectNow() => Volatile.Read(ref _waking)?.TrySetResult() ?? false;

    /// <summary>Whether this client reconnects after losing its session: it was told to, and knows the server's address.</summary>
    private bool CanReconnect => _options.Reconnect is not null && _address is not null;

    /// <summary>The connection of the live session, for a send; fails at once while the client reconnects.</summary>
    private IChatConnection CurrentConnection() => CurrentSession().Connection;

    private Session CurrentSession() => _session ?? throw new ChatConnectionLostException(
        $"Not connected: {_reconnectingBecause} The client is reconnecting (attempt {Volatile.Read(ref _attempt)}); try again once it is back.");

    /// <summary>The client's life: one session after another, until one ends for good.</summary>
    private async Task RunAsync(Session session)
    {
        await Task.Yield();
        while (true)
        {
            var failure = await session.Receiving.ConfigureAwait(false);
            await session.KeepingAlive.ConfigureAwait(false);
            if (!ShouldReconnect(session, failure))
            {
                if (StaysOutBecause(session) is { } why)
                {
                    await TryDeliverAsync(new NotReconnecting(why)).ConfigureAwait(false);
                }

                Finish(failure);
                return;
            }

            // What was sent over the lost session will never be answered.
            var lost = new ChatConnectionLostException(session.EndReason!.Message, failure);
            FailPings(lost);
            _requests.FailWaiting(lost);
            await session.CatchingUp.ConfigureAwait(false);

            var next = await ReconnectAsync(ReasonFor(session, failure)).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            session = next;
        }
    }

    private bool ShouldReconnect(Session session, Exception? failure) =>
        CanReconnect
        && !_leaveRequested
        && !_stopping.IsCancellationRequested
        && session.EndMessage is not ErrorMessage { Code: ErrorCode.Kicked or ErrorCode.Banned }
        && (failure is not null || session.EndMessage is not null);

    /// <summary>For a client that would reconnect, why this session's end keeps it out: a kick or a ban; <see langword="null"/> otherwise.</summary>
    private string? StaysOutBecause(Session session)
    {
        if (!CanReconnect || _leaveRequested || _stopping.IsCancellationRequested)
        {
            return null;
        }

        return session.EndMessage switch
        {
            ErrorMessage { Code: ErrorCode.Kicked } kicked =>
                (string.IsNullOrWhiteSpace(kicked.Text) ? "An operator removed you from the server." : kicked.Text.Trim().TrimEnd('.') + ".")
                + " The client does not join again by itself.",
            ErrorMessage { Code: ErrorCode.Banned } banned =>
                new ChatRejectedException(RejectReason.Banned, banned.Text, banned.Until).Message,
            _ => null,
        };
    }

    /// <summary>Hands the application a last message before the stream ends, unless the client is stopping.</summary>
    private async ValueTask TryDeliverAsync(ChatMessage message)
    {
        try
        {
            await DeliverAsync(message).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: nobody reads any more.
        }
    }

    private static string ReasonFor(Session session, Exception? failure) => session.EndMessage switch
    {
        ServerShutdown shutdown => $"The server shut down: {shutdown.Text}",
        ErrorMessage error => $"The server ended the session: {error.Text}",
        _ => failure?.Message ?? "The session ended.",
    };

    /// <summary>
    /// Waits with back-off and tries to join again, under this user's current name, until it
    /// works (then starts the new session and its catch-up) or the client stops for good.
    /// </summary>
    /// <returns>The new session; null when the client stopped (<see cref="Finish"/> was called).</returns>
    private async Task<Session?> ReconnectAsync(string reason)
    {
        _session = null;
        var backoff = _options.Reconnect!;
        var address = _address!;
        for (var attempt = 1; ; attempt++)
        {
            _reconnectingBecause = reason;
            Volatile.Write(ref _attempt, attempt);
            var delay = backoff.DelayBefore(attempt);
            IChatConnection? connection = null;
            try
            {
                await DeliverAsync(new Reconnecting(attempt, delay, reason)).ConfigureAwait(false);
                await WaitBeforeAttemptAsync(delay).ConfigureAwait(false);
                connection = await ChatConnection.ConnectAsync(address.Host, address.Port, _options.Connection, _stopping.Token).ConfigureAwait(false);
                var welcome = await GreetAsync(connection, UserName, CurrentNamePassword, _options, _stopping.Token).ConfigureAwait(false);
                if (_leaveRequested)
                {
                    throw new OperationCanceledException(_stopping.Token);
                }

                return Resume(connection, welcome);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested || _leaveRequested)
            {
                await CloseAsync(connection).ConfigureAwait(false);
                Finish(null);
                return null;
            }
            catch (ChatException ex) when (IsForGood(ex))
            {
                await CloseAsync(connection).ConfigureAwait(false);
                await TryDeliverAsync(new NotReconnecting(ex.Message)).ConfigureAwait(false);
                Finish(ex);
                return null;
            }
            catch (ChatException ex)
            {
                await CloseAsync(connection).ConfigureAwait(false);
                reason = ex.Message;
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                await CloseAsync(connection).ConfigureAwait(false);
                reason = "Joining again failed: " + ex.Message;
            }
        }

        static async ValueTask CloseAsync(IChatConnection? connection)
        {
            if (connection is not null)
            {
                connection.Abort("Joining again failed.");
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A refusal that trying again cannot change: the password, the name itself or its password, a ban, the protocol version, TLS.</summary>
    private static bool IsForGood(ChatException ex) => ex switch
    {
        ChatRejectedException rejected => rejected.Reason is not (RejectReason.NameTaken or RejectReason.ServerFull),
        ChatTlsException tls => tls.Problem != ChatTlsProblem.HandshakeFailed,
        _ => false,
    };

    private async Task WaitBeforeAttemptAsync(TimeSpan delay)
    {
        var waking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _waking, waking);
        try
        {
            await Task.WhenAny(Task.Delay(delay, _options.TimeProvider, _stopping.Token), waking.Task).ConfigureAwait(false);
            _stopping.Token.ThrowIfCancellationRequested();
        }
        finally
        {
            Interlocked.CompareExchange(ref _waking, null, waking);
        }
    }

    /// <summary>Starts the new session: the rooms start over from its welcome, and the catch-up begins while live messages wait.</summary>
    private Session Resume(IChatConnection connection, Welcome welcome)
    {
        var previousEpoch = _welcome.HistoryEpoch;
        var (rejoin, wasInDefault) = _rooms.Restart(welcome);
        var session = StartSession(connection, welcome, catchingUp: true);
        session.CatchingUp = CatchUpAsync(session, previousEpoch, rejoin, wasInDefault);
        return session;
    }

    private void FailPings(Exception lost)
    {
        foreach (var ping in _pings.Values)
        {
            ping.Answer.TrySetException(lost);
        }
    }

    /// <summary>Ends the client for good: completes the message stream, the pending pings and requests, and <see cref="Completion"/>.</summary>
    private void Finish(Exception? failure)
    {
        // Sends from now on meet the last session's closed connection, which says it is gone.
        _session = _lastSession;
        _incoming.Writer.TryComplete(failure);
        var lost = failure ?? new ChatConnectionLostException("The session has ended.");
        FailPings(lost);
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
}
