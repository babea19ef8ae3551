using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// What this user says goes out through one queue paced to the rate and burst the server
/// announced (<see cref="SendPacer"/>), so that fast typing, an unbracketed paste (one Enter per
/// line) or a confirmed multi-line paste is sent in full, in order, and never refused for
/// flooding. The queue is shown in the status line and Esc cancels what has not gone yet.
/// </summary>
public sealed partial class ChatViewModel
{
    /// <summary>A paste of more lines than this asks before it is sent.</summary>
    public const int PasteConfirmationThreshold = 5;

    private readonly Lock _sendLock = new();
    private readonly Queue<Func<ChatClient, CancellationToken, ValueTask>> _outgoing = new();
    private SendPacer _pacer = new(0, 0, TimeProvider.System);
    private bool _pumping;
    private int _queuedTotal;
    private int _queuedSent;

    /// <summary>Raised when a paste of more than <see cref="PasteConfirmationThreshold"/> lines waits for <see cref="AnswerPaste"/>.</summary>
    public event EventHandler? PasteConfirmationRequested;

    /// <summary>The lines of a paste waiting for the user's answer, or <see langword="null"/>.</summary>
    public IReadOnlyList<string>? PendingPaste { get; private set; }

    /// <summary>How many lines are queued and not yet sent.</summary>
    public int PendingSends
    {
        get
        {
            lock (_sendLock)
            {
                return _outgoing.Count;
            }
        }
    }

    /// <summary>
    /// Handles pasted text (a bracketed paste). Text of one line is left to the input line; text of
    /// several lines becomes one line per line of text, sent at once when there are few and after a
    /// confirmation (<see cref="PasteConfirmationRequested"/>) when there are many. Call on the UI thread.
    /// </summary>
    /// <param name="text">The pasted text.</param>
    /// <returns><see langword="true"/> when the paste was taken; <see langword="false"/> when the input line should insert it.</returns>
    public bool Paste(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!PasteSplitter.IsMultiLine(text))
        {
            return false;
        }

        var lines = PasteSplitter.Split(text, MaxTextLength);
        if (lines.Count <= PasteConfirmationThreshold)
        {
            SendLines(lines);
        }
        else
        {
            PendingPaste = lines;
            PasteConfirmationRequested?.Invoke(this, EventArgs.Empty);
        }

        return true;
    }

    /// <summary>Answers the question about <see cref="PendingPaste"/>. Call on the UI thread.</summary>
    /// <param name="answer">Send the lines, join them into one, or send nothing.</param>
    public void AnswerPaste(PasteAnswer answer)
    {
        if (PendingPaste is not { } lines)
        {
            return;
        }

        PendingPaste = null;
        switch (answer)
        {
            case PasteAnswer.SendLines:
                SendLines(lines);
                break;
            case PasteAnswer.JoinIntoOneLine:
                // One line if it fits; otherwise cut where the server's limit requires.
                SendLines(PasteSplitter.Split(string.Join(' ', lines), MaxTextLength));
                break;
            default:
                Current.Add(_lines.Local(LogKind.Info, $"Paste cancelled: none of its {lines.Count} lines was sent."));
                break;
        }
    }

    /// <summary>Drops the queued lines that have not been sent (Esc). Call on the UI thread.</summary>
    /// <returns>Whether anything was waiting.</returns>
    public bool CancelPendingSends()
    {
        int dropped;
        lock (_sendLock)
        {
            dropped = _outgoing.Count;
            _outgoing.Clear();
            _queuedTotal = _queuedSent = 0;
        }

        if (dropped == 0)
        {
            return false;
        }

        Current.Add(_lines.Local(LogKind.Info, $"Cancelled: {dropped} {(dropped == 1 ? "line was" : "lines were")} not sent."));
        SetConnectionStatus(_connectionStatus);
        return true;
    }

    private void SendLines(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        if (_client is null || State != ConnectionState.Connected)
        {
            Current.Add(_lines.Local(LogKind.Info, $"Not connected: none of the {lines.Count} pasted lines was sent."));
            return;
        }

        var window = Current;
        if (!CanSayIn(window))
        {
            return;
        }

        Enqueue([.. lines.Select(line => SayIn(window, line))]);
    }

    /// <summary>Queues sends behind the ones waiting, all at once, and starts the queue if it is idle.</summary>
    private void Enqueue(params Func<ChatClient, CancellationToken, ValueTask>[] sends)
    {
        lock (_sendLock)
        {
            foreach (var send in sends)
            {
                _outgoing.Enqueue(send);
            }

            _queuedTotal += sends.Length;
            if (_pumping)
            {
                return;
            }

            _pumping = true;
        }

        _ = PumpAsync();
    }

    /// <summary>Whether a line may go straight out: nothing is queued before it and the pacer allows it now.</summary>
    private bool TryTakeDirect()
    {
        lock (_sendLock)
        {
            if (_outgoing.Count > 0 || _pumping || _pacer.Wait() > TimeSpan.Zero)
            {
                return false;
            }

            _pacer.Take();
            return true;
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_sendLock)
                {
                    if (_outgoing.Count == 0 || _client is null || State != ConnectionState.Connected)
                    {
                        // Empty, or waiting for a reconnect (Join starts the queue again).
                        _pumping = false;
                        if (_outgoing.Count == 0)
                        {
                            _queuedTotal = _queuedSent = 0;
                        }

                        break;
                    }

                    wait = _pacer.Wait();
                }

                _ui.Post(() => SetConnectionStatus(_connectionStatus));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, _stopping.Token).ConfigureAwait(false);
                }

                Func<ChatClient, CancellationToken, ValueTask> send;
                ChatClient? client;
                lock (_sendLock)
                {
                    client = _client;
                    if (_outgoing.Count == 0 || client is null || _pacer.Wait() > TimeSpan.Zero)
                    {
                        continue;
                    }

                    send = _outgoing.Dequeue();
                    _pacer.Take();
                    _queuedSent++;
                }

                try
                {
                    await send(client, _stopping.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ChatException or ObjectDisposedException)
                {
                    _ui.Post(() => Current.Add(_lines.Local(LogKind.Error, "Not sent: " + ProblemText.Describe(ex))));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closing: what is queued is not sent.
        }
        finally
        {
            _ui.Post(() => SetConnectionStatus(_connectionStatus));
        }
    }

    /// <summary>After a (re)join: pace to this server's limits and send what waited for the connection.</summary>
    private void StartSending(Welcome welcome)
    {
        bool resume;
        lock (_sendLock)
        {
            _pacer = new SendPacer(welcome.MessageRate, welcome.MessageBurst, _time);
            resume = _outgoing.Count > 0 && !_pumping;
            _pumping |= resume;
        }

        if (resume)
        {
            _ = PumpAsync();
        }
    }

    /// <summary>The queue's part of the status line, or an empty string.</summary>
    private string SendingStatus()
    {
        lock (_sendLock)
        {
            var waiting = _outgoing.Count;
            if (waiting == 0)
            {
                return string.Empty;
            }

            return _queuedTotal > 1
                ? $"sending {_queuedSent} of {_queuedTotal} lines (Esc cancels) · "
                : $"{waiting} {(waiting == 1 ? "line waits" : "lines wait")} for the rate limit (Esc cancels) · ";
        }
    }
}
