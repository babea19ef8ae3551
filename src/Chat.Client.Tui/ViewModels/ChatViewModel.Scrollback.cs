using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// Scrolling back past the oldest line: the window asks the server for the lines just before it
/// (one request at a time), puts them above, and says so when the beginning is reached.
/// </summary>
public sealed partial class ChatViewModel
{
    /// <summary>
    /// Loads the lines just before the oldest one the window in view shows (PgUp at the top of
    /// the log), in one request to the server; nothing while one is on its way or once the
    /// beginning is shown. Call on the UI thread.
    /// </summary>
    /// <returns>A task that completes when the request was sent (or queued behind lines waiting to go); the lines arrive later.</returns>
    public Task LoadOlderAsync()
    {
        var window = Current;
        var history = window.History;
        if (window is SearchWindowViewModel || history.AtBeginning || history.Loading)
        {
            return Task.CompletedTask;
        }

        if (!CanAskHistory(window))
        {
            return Task.CompletedTask;
        }

        var before = history.OldestId;
        history.Loading = true;
        return AskHistoryAsync(window, "Loading older lines", async (client, ct) =>
        {
            var batch = window switch
            {
                PrivateWindowViewModel conversation => await client.GetPrivateHistoryAsync(conversation.Peer, beforeId: before, cancellationToken: ct).ConfigureAwait(false),
                _ => await client.GetHistoryAsync(RoomOf(window), beforeId: before, cancellationToken: ct).ConfigureAwait(false),
            };
            _ui.Post(() => ShowOlder(window, batch));
        });
    }

    /// <summary>
    /// Joined again by this view model (after the client gave up and the user connected again): the
    /// lines between the newest one shown before and the first of the join's are asked for, so that
    /// nothing said meanwhile is left out; a divider marks any the server's limit left out.
    /// </summary>
    private void FillBetween(RoomWindowViewModel room, long newestBefore, IReadOnlyList<TextPosted> recent)
    {
        var first = newestBefore > 0 ? recent.FirstOrDefault(p => p.Id > newestBefore) : null;
        if (first is null || first.Id <= newestBefore + 1 || _client is not { SupportsHistory: true } || !CanAskHistory(room))
        {
            return;
        }

        var before = first.Id;
        _ = AskHistoryAsync(room, "Loading the lines said while you were away", async (client, ct) =>
        {
            var batch = await client.GetHistoryAsync(RoomOf(room), afterId: newestBefore, beforeId: before, cancellationToken: ct).ConfigureAwait(false);
            _ui.Post(() => ShowBetween(room, batch));
        });
    }

    private void ShowBetween(RoomWindowViewModel room, HistoryBatch batch)
    {
        if (batch.Gap)
        {
            var at = batch.Lines.Count > 0 ? room.History.IndexAfter(batch.Lines[0].Id - 1) : -1;
            if (at >= 0)
            {
                room.Log.Insert(at, [_lines.Line(LogKind.Divider, batch.Lines[0].Timestamp, string.Empty, GapText)]);
            }
        }

        var lines = room.History.Merge([.. batch.Lines.Where(p => !IsIgnored(p.Author)).Select(p => ToLine(p, history: true))]);
        if (batch.More && lines.Count > 0)
        {
            room.Log.Insert(room.History.IndexOf(lines[^1].Id) + 1, [lines[^1] with { Kind = LogKind.Divider, Text = NotLoadedText, Id = 0, History = false, Author = string.Empty }]);
        }
    }

    /// <summary>Whether the window's history can be asked for now; if not because the server keeps none, says so once.</summary>
    private bool CanAskHistory(WindowViewModel window)
    {
        if (_client is not { } client || State != ConnectionState.Connected || window is RoomWindowViewModel { IsJoined: false })
        {
            return false;
        }

        if (!client.SupportsHistory)
        {
            if (!window.History.AtBeginning)
            {
                window.History.MarkBeginning(_lines.Local(LogKind.Divider, $"── {ServerName} keeps no history to scroll back to ──"));
            }

            return false;
        }

        return true;
    }

    private void ShowOlder(WindowViewModel window, HistoryBatch batch)
    {
        var history = window.History;
        history.Loading = false;
        var lines = batch.Private
            ? [.. batch.PrivateLines.Where(m => !IsIgnored(m.From)).Select(m => ToLine(m, history: true))]
            : batch.Lines.Where(p => !IsIgnored(p.Author)).Select(p => ToLine(p, history: true)).ToList();
        history.Merge(lines);
        if (!batch.More)
        {
            DateTime? first = batch.Private
                ? (batch.PrivateLines.Count > 0 ? batch.PrivateLines[0].Timestamp : null)
                : (batch.Lines.Count > 0 ? batch.Lines[0].Timestamp : null);
            var text = BeginningText(window);
            history.MarkBeginning(first is { } at ? _lines.Line(LogKind.Divider, at, string.Empty, text) : _lines.Local(LogKind.Divider, text));
        }
    }

    /// <summary>
    /// Sends a history or search request through the paced queue (the server counts it like a
    /// line) without waiting for its answer, which <paramref name="request"/> shows itself; a
    /// refusal or failure is told in <paramref name="window"/> and ends its loading.
    /// </summary>
    /// <returns>A task that completes once the request is on its way (or queued behind lines waiting to go).</returns>
    private async Task AskHistoryAsync(WindowViewModel window, string what, Func<ChatClient, CancellationToken, Task> request)
    {
        var sent = await DispatchAsync((client, ct) =>
        {
            _ = AnswerHistoryAsync(window, what, request(client, ct), ct);
            return ValueTask.CompletedTask;
        });
        if (!sent)
        {
            StopLoading(window);
        }
    }

    private async Task AnswerHistoryAsync(WindowViewModel window, string what, Task answering, CancellationToken ct)
    {
        try
        {
            await answering.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ChatException or NotSupportedException && !ct.IsCancellationRequested)
        {
            var text = ex is ChatRequestException ? TextSanitizer.Sanitize(ex.Message) : $"{what} failed: {ProblemText.Describe(ex)}";
            _ui.Post(() =>
            {
                StopLoading(window);
                WindowOrCurrent(window).Add(_lines.Local(LogKind.Error, text));
            });
        }
        catch (Exception ex) when (ex is ChatException or NotSupportedException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopping: nobody is waiting for the answer.
        }
    }

    private static void StopLoading(WindowViewModel window)
    {
        window.History.Loading = false;
        if (window is SearchWindowViewModel search)
        {
            search.Loading = false;
        }
    }
}
