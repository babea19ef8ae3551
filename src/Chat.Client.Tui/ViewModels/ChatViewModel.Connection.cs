using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The connection's life as the user sees it. The <see cref="ChatClient"/> reconnects by itself
/// (<see cref="ChatClientOptions.Reconnect"/>): it says so before each wait (<see cref="Reconnecting"/>),
/// and once in again (<see cref="Reconnected"/>) it rejoins the rooms and hands over what they said
/// meanwhile as history batches. Only when it gives up for good (kicked, refused, or a client that
/// cannot reconnect) does the view model wait for the user, who connects again with Ctrl+R.
/// </summary>
public sealed partial class ChatViewModel
{
    private TaskCompletionSource _wake = NewSignal();
    private string _epoch = string.Empty;

    /// <summary>
    /// Reads the server's messages until this user quits. While the client reconnects the status
    /// line and the windows say so; after it gave up the view model waits for the user
    /// (<see cref="ReconnectNow"/>) and connects again under the same name. Never throws.
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
                var reason = await ReadUntilEndAsync(client, token);
                if (reason is null)
                {
                    return;
                }

                var ended = client;
                _ui.Post(() => Interlocked.CompareExchange(ref _client, null, ended));
                await DisposeQuietlyAsync(ended);
                client = await ConnectAgainAsync(reason, token);
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
    /// Reconnects now: cuts short the client's wait before its next attempt, or, after it gave up,
    /// connects again. Says so while connected.
    /// </summary>
    public void ReconnectNow()
    {
        if (State == ConnectionState.Reconnecting && _client is { } client && client.ReconnectNow())
        {
            SetConnectionStatus("Reconnecting now…");
        }
        else if (State == ConnectionState.Disconnected)
        {
            Interlocked.Exchange(ref _wake, NewSignal()).TrySetResult();
        }
        else if (State == ConnectionState.Connected)
        {
            Current.Add(_lines.Local(LogKind.Info, "Already connected."));
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Reads until the client gives up; the reason in words, or <see langword="null"/> when this user left or the view model stopped.</summary>
    private async Task<string?> ReadUntilEndAsync(ChatClient client, CancellationToken token)
    {
        string? closedBecause = null;
        try
        {
            await foreach (var message in client.ReadMessagesAsync(token))
            {
                closedBecause = message switch
                {
                    ServerShutdown shutdown => DescribeShutdown(shutdown.Text).TrimEnd('.'),
                    ErrorMessage { Fatal: true, Code: ErrorCode.Banned } banned => DescribeBan(banned).TrimEnd('.'),
                    ErrorMessage { Fatal: true } fatal => "the server closed the session: " + TextSanitizer.Sanitize(fatal.Text),
                    Reconnected => null,
                    _ => closedBecause,
                };
                _ui.Post(() => Apply(message, client));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return null;
        }
        catch (ChatRejectedException ex)
        {
            return State == ConnectionState.Closed ? null : "the server refused to let you back in: " + ProblemText.Describe(ex).TrimEnd('.');
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return State == ConnectionState.Closed ? null : ProblemText.Describe(ex).TrimEnd('.');
        }

        if (State == ConnectionState.Closed || token.IsCancellationRequested)
        {
            return null;
        }

        return closedBecause ?? "the server closed the connection";
    }

    /// <summary>After the client gave up: waits for the user, then connects again; a failure is told and waits for the user once more.</summary>
    private async Task<ChatClient> ConnectAgainAsync(string reason, CancellationToken token)
    {
        while (true)
        {
            var wake = Volatile.Read(ref _wake);
            _ui.Post(() => EnterDisconnected(reason));
            await wake.Task.WaitAsync(token);
            _ui.Post(() => EnterReconnecting($"Reconnecting to {_connector.Endpoint}…", announce: false));
            try
            {
                var client = await _connector.ConnectAsync(UserName, token);
                _ui.Post(() => Rejoin(client));
                return client;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is ChatException or IOException or OperationCanceledException)
            {
                reason = ex is ChatRejectedException rejected
                    ? "the server refused to let you back in: " + ProblemText.Describe(rejected).TrimEnd('.')
                    : "reconnecting failed: " + ProblemText.Describe(ex).TrimEnd('.');
            }
        }
    }

    private void Rejoin(ChatClient client)
    {
        if (State == ConnectionState.Closed)
        {
            _ = DisposeQuietlyAsync(client);
            return;
        }

        ExpectNewIdSpaceUnless(client.Welcome);
        Join(client, rejoined: true);
    }

    /// <summary>The client waits before its next attempt to join again: the status line says why, when, and which attempt; the first wait is told in every window.</summary>
    private void ShowReconnecting(Reconnecting reconnecting)
    {
        var reason = TextSanitizer.Sanitize(reconnecting.Reason).Trim().TrimEnd('.');
        var seconds = Math.Max(1, (int)Math.Ceiling(reconnecting.Delay.TotalSeconds));
        var text = $"{reason} — reconnecting in {seconds} s (attempt {reconnecting.Attempt})";
        EnterReconnecting($"{text} · Ctrl+R now · Ctrl+Q quits", announce: reconnecting.Attempt == 1, text);
    }

    /// <summary>The client is in again: the windows say so, the status line shows the session, and ids are compared with those shown only when the server's history is the same (same epoch).</summary>
    private void ShowReconnected(Reconnected reconnected)
    {
        var welcome = reconnected.Welcome;
        ExpectNewIdSpaceUnless(welcome);
        UserName = welcome.UserName;
        ServerName = TextSanitizer.Sanitize(welcome.ServerName);
        MaxTextLength = welcome.MaxTextLength > 0 ? welcome.MaxTextLength : ProtocolInfo.DefaultMaxTextLength;
        ReadAccount(welcome);
        if (Windows.FindRoom(_defaultRoom) is { } room)
        {
            room.Reset((welcome.Users ?? []).Append(UserName), welcome.AwayUsers ?? [], TextSanitizer.Sanitize(welcome.Topic ?? string.Empty));
        }

        ShowElsewhere(null, _lines.Local(LogKind.Info, $"Reconnected to {ServerName} ({_connector.Endpoint}) as {UserName}."));
        State = ConnectionState.Connected;
        UsersChanged?.Invoke(this, EventArgs.Empty);
        TerminalTitleChanged?.Invoke(this, EventArgs.Empty);
        SetConnectionStatus(ConnectedStatus());
        StartSending(welcome);
    }

    /// <summary>
    /// Line ids go on across a reconnect only when the server's history is the one the windows
    /// were filled from (the same <see cref="Welcome.HistoryEpoch"/>); otherwise (a server that
    /// started its history again, or one that names none) the ids begin a new space in every window,
    /// so that a new line is never taken for one already shown.
    /// </summary>
    private void ExpectNewIdSpaceUnless(Welcome welcome)
    {
        var epoch = welcome.HistoryEpoch ?? string.Empty;
        if (epoch.Length == 0 || epoch != _epoch)
        {
            foreach (var window in Windows.All)
            {
                window.History.ExpectNewIdSpace();
            }
        }

        _epoch = epoch;
    }

    private void EnterReconnecting(string status, bool announce, string? line = null)
    {
        if (State == ConnectionState.Closed)
        {
            return;
        }

        if (announce || State == ConnectionState.Connected)
        {
            ShowElsewhere(null, _lines.Local(LogKind.Error, line ?? status));
        }

        if (State == ConnectionState.Connected)
        {
            // Out of every room until the client is back in: nobody is known to be present.
            foreach (var room in Windows.All.OfType<RoomWindowViewModel>().Where(r => r.IsJoined))
            {
                room.Empty(joined: true);
            }

            UsersChanged?.Invoke(this, EventArgs.Empty);
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
