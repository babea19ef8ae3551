using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

public sealed partial class ChatViewModel
{
    private TaskCompletionSource _wake = NewSignal();

    /// <summary>
    /// Reads the server's messages until this user quits. A lost connection is reconnected by
    /// itself with growing back-off, under the same name. After the server shuts down or closes
    /// the session it waits for the user (<see cref="ReconnectNow"/>) instead of hammering a
    /// server that is going away. Never throws.
    /// </summary>
    /// <returns>A task that completes when the user has quit or the view model is disposed.</returns>
    public async Task RunAsync()
    {
        var token = _stopping.Token;
        var client = _client;
        if (client is null)
        {
            return;
        }

        try
        {
            while (!token.IsCancellationRequested)
            {
                var end = await ReadUntilEndAsync(client, token);
                if (end is null)
                {
                    return;
                }

                var ended = client;
                _ui.Post(() => Interlocked.CompareExchange(ref _client, null, ended));
                await DisposeQuietlyAsync(ended);
                if (end.Lost)
                {
                    client = await ReconnectAsync("Connection lost: " + end.Reason, token);
                }
                else
                {
                    var wake = Volatile.Read(ref _wake);
                    _ui.Post(() => EnterDisconnected(end.Reason));
                    await WaitForUserAsync(wake, token);
                    client = await ReconnectAsync($"Reconnecting to {_connector.Endpoint}", token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Quitting.
        }
        catch (ObjectDisposedException) when (token.IsCancellationRequested)
        {
            // Disposed while stopping.
        }
    }

    /// <summary>
    /// Reconnects now: after a shutdown or a closed session, or to skip the rest of a reconnect wait.
    /// Does nothing while connected.
    /// </summary>
    public void ReconnectNow()
    {
        if (State is ConnectionState.Disconnected or ConnectionState.Reconnecting)
        {
            Interlocked.Exchange(ref _wake, NewSignal()).TrySetResult();
        }
        else if (State == ConnectionState.Connected)
        {
            Current.Add(_lines.Local(LogKind.Info, "Already connected."));
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Reads until the session ends; <see langword="null"/> when this user left or the view model stopped.</summary>
    private async Task<SessionEnd?> ReadUntilEndAsync(ChatClient client, CancellationToken token)
    {
        string? closedBecause = null;
        try
        {
            await foreach (var message in client.ReadMessagesAsync(token))
            {
                if (message is ServerShutdown shutdown)
                {
                    closedBecause = DescribeShutdown(shutdown.Text).TrimEnd('.');
                }
                else if (message is ErrorMessage { Fatal: true } fatal)
                {
                    closedBecause = "the server closed the session: " + TextSanitizer.Sanitize(fatal.Text);
                }

                _ui.Post(() => Apply(message, client));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return State == ConnectionState.Closed ? null : new SessionEnd(true, ProblemText.Describe(ex));
        }

        if (State == ConnectionState.Closed || token.IsCancellationRequested)
        {
            return null;
        }

        return closedBecause is null
            ? new SessionEnd(true, "the server closed the connection.")
            : new SessionEnd(false, closedBecause);
    }

    /// <summary>Tries again with growing waits until it is back on the server; after a final refusal it waits for the user.</summary>
    private async Task<ChatClient> ReconnectAsync(string reason, CancellationToken token)
    {
        for (var attempt = 1; ; attempt++)
        {
            var delay = _backoff.DelayBefore(attempt);
            var wake = Volatile.Read(ref _wake);
            var seconds = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds));
            var attemptNumber = attempt;
            var waiting = $"{reason} — reconnecting in {seconds} s (attempt {attemptNumber}) · Ctrl+R now · Ctrl+Q quits";
            using (var waitCancel = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                // Start the timer before telling anyone, so a test clock advanced on the news cannot miss it.
                var timer = Task.Delay(delay, _time, waitCancel.Token);
                _ui.Post(() => EnterReconnecting(waiting));
                await Task.WhenAny(timer, wake.Task);
                await waitCancel.CancelAsync();
            }

            token.ThrowIfCancellationRequested();
            _ui.Post(() => EnterReconnecting($"{reason} — reconnecting to {_connector.Endpoint} (attempt {attemptNumber})…"));
            try
            {
                var client = await _connector.ConnectAsync(UserName, token);
                _ui.Post(() => Rejoin(client));
                return client;
            }
            catch (ChatRejectedException ex) when (ex.Reason == RejectReason.NameTaken)
            {
                // The server may not have noticed the old connection is gone yet.
                reason = $"The name {UserName} is still in use (the server may not have noticed the old connection yet)";
            }
            catch (ChatRejectedException ex) when (ex.Reason == RejectReason.ServerFull)
            {
                reason = ProblemText.Describe(ex).TrimEnd('.');
            }
            catch (ChatRejectedException ex)
            {
                var refused = ProblemText.Describe(ex).TrimEnd('.');
                var stop = Volatile.Read(ref _wake);
                _ui.Post(() => EnterDisconnected("the server refused to let you back in: " + refused));
                await WaitForUserAsync(stop, token);
                attempt = 0;
            }
            catch (ChatTlsException ex) when (ex.Problem != ChatTlsProblem.HandshakeFailed)
            {
                // The certificate changed, or TLS is on one side only: trying again would not help.
                var problem = ProblemText.Describe(ex).TrimEnd('.');
                var stop = Volatile.Read(ref _wake);
                _ui.Post(() => EnterDisconnected(problem));
                await WaitForUserAsync(stop, token);
                attempt = 0;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is ChatException or IOException or OperationCanceledException)
            {
                reason = "Reconnect failed: " + ProblemText.Describe(ex).TrimEnd('.');
            }
        }
    }

    private static Task WaitForUserAsync(TaskCompletionSource wake, CancellationToken token) => wake.Task.WaitAsync(token);

    private void Rejoin(ChatClient client)
    {
        if (State == ConnectionState.Closed)
        {
            _ = DisposeQuietlyAsync(client);
            return;
        }

        Join(client, rejoined: true);
    }

    private void EnterReconnecting(string status)
    {
        if (State == ConnectionState.Closed)
        {
            return;
        }

        if (State != ConnectionState.Reconnecting)
        {
            ShowElsewhere(null, _lines.Local(LogKind.Error, status.Split(" — ")[0]));
        }

        State = ConnectionState.Reconnecting;
        SetConnectionStatus(status);
    }

    private void EnterDisconnected(string reason)
    {
        if (State == ConnectionState.Closed)
        {
            return;
        }

        State = ConnectionState.Disconnected;

        // Out of every room (kicked, closed, shut down): nobody is known to be present any more.
        foreach (var room in Windows.All.OfType<RoomWindowViewModel>())
        {
            room.Empty(joined: true);
        }

        UsersChanged?.Invoke(this, EventArgs.Empty);
        ShowElsewhere(null, _lines.Local(LogKind.Error, $"Disconnected: {reason}. Ctrl+R or /reconnect connects again; Ctrl+Q quits."));
        SetConnectionStatus($"Disconnected: {reason} · Ctrl+R reconnect · Ctrl+Q quit");
    }
}
