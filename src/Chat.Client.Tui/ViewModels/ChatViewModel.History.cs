using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The server's history in the windows: the lines a reconnect caught up on (dim, after a gap
/// divider when some are no longer kept), and the day the log calls today.
/// </summary>
public sealed partial class ChatViewModel
{
    /// <summary>What the log says where lines are missing because the server no longer keeps them.</summary>
    public const string GapText = "── lines missing here: no longer kept by the server ──";

    /// <summary>What the log says where lines exist but are not loaded (between a search's context and the rest).</summary>
    public const string NotLoadedText = "── more lines here, not loaded ──";

    private ITimer? _midnight;

    /// <summary>Raised when <see cref="Today"/> changes (at midnight in the user's time zone).</summary>
    public event EventHandler? TodayChanged;

    /// <summary>Today in the user's time zone: the log shows the date of lines from other days.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>What the log says above the oldest line of a window: nothing older exists.</summary>
    /// <param name="window">The window.</param>
    public static string BeginningText(WindowViewModel window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return window is PrivateWindowViewModel conversation
            ? $"── beginning of your conversation with {conversation.Peer} ──"
            : $"── beginning of {window.Label} ──";
    }

    /// <summary>Follows the day: <see cref="Today"/> now, and again at each midnight.</summary>
    private void WatchTheDay()
    {
        var now = _lines.Local(LogKind.Info, string.Empty).Time;
        Today = DateOnly.FromDateTime(now);
        var untilMidnight = now.Date.AddDays(1) - now;
        _midnight?.Dispose();
        _midnight = _time.CreateTimer(_ => _ui.Post(OnMidnight), null, untilMidnight, Timeout.InfiniteTimeSpan);
    }

    private void OnMidnight()
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        var before = Today;
        WatchTheDay();
        if (Today != before)
        {
            TodayChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Lines a reconnect caught up on (the client asked for them): in their windows, in id order, dim, after a gap divider when the server says some are missing.</summary>
    private void ShowCatchUp(HistoryBatch batch)
    {
        if (batch.Private)
        {
            ShowPrivateCatchUp(batch);
            return;
        }

        if (RoomFor(batch.Target) is not { } room)
        {
            return;
        }

        if (batch.Gap)
        {
            var first = batch.Lines.Count > 0 ? _lines.Line(LogKind.Divider, batch.Lines[0].Timestamp, string.Empty, GapText) : _lines.Local(LogKind.Divider, GapText);
            room.Add(first);
        }

        var lines = room.History.Merge([.. batch.Lines.Where(p => !IsIgnored(p.Author)).Select(p => ToLine(p, history: true))]);
        if (lines.Any(l => l.MentionsMe))
        {
            Alert(room);
        }
    }

    private void ShowPrivateCatchUp(HistoryBatch batch)
    {
        if (batch.Gap && batch.PrivateLines.Count == 0)
        {
            // The server's history began again: what was said privately meanwhile is not known.
            foreach (var open in Windows.All.OfType<PrivateWindowViewModel>())
            {
                open.Add(_lines.Local(LogKind.Divider, GapText));
            }

            return;
        }

        foreach (var conversation in batch.PrivateLines.GroupBy(m => UserNameRules.Comparer.Equals(m.From, UserName) ? m.To : m.From, UserNameRules.Comparer))
        {
            if (IsIgnored(conversation.Key))
            {
                continue;
            }

            var window = OpenPrivate(conversation.Key, select: false);
            if (batch.Gap)
            {
                window.Add(_lines.Local(LogKind.Divider, GapText));
            }

            var lines = window.History.Merge([.. conversation.OrderBy(m => m.Id).Select(m => ToLine(m, history: true))]);
            if (lines.Any(l => l.Kind == LogKind.PrivateIn))
            {
                _lastPrivateFrom = conversation.Key;
                Alert(window);
            }
        }
    }
}
