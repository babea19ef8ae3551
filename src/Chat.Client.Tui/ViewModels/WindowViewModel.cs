namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// One window, as irssi and weechat have them: a room (<see cref="RoomWindowViewModel"/>) or a
/// private conversation (<see cref="PrivateWindowViewModel"/>). It holds its own log, whether the
/// user has scrolled it up (and how many lines arrived below since), and what it holds that the
/// user has not seen while another window was in view (<see cref="Activity"/>). Used on the UI
/// thread only; knows nothing of Terminal.Gui.
/// </summary>
public abstract class WindowViewModel
{
    private bool _current;

    /// <summary>Creates an empty window.</summary>
    protected WindowViewModel()
    {
        Log.Appended += OnLogAppended;
        History = new WindowHistory(Log);
    }

    /// <summary>Raised when <see cref="Activity"/> changes.</summary>
    public event EventHandler? ActivityChanged;

    /// <summary>Raised when <see cref="Unseen"/> or <see cref="UnseenAlerts"/> change.</summary>
    public event EventHandler? UnseenChanged;

    /// <summary>Raised when the window's label, users or topic change.</summary>
    public event EventHandler? Changed;

    /// <summary>The window's lines.</summary>
    public MessageLog Log { get; } = new();

    /// <summary>What the log holds of the server's history, by line id.</summary>
    public WindowHistory History { get; }

    /// <summary>Raised when the window asks its view to bring a line into view (a search jumped to it); the argument is the line's index.</summary>
    public event EventHandler<int>? RevealRequested;

    /// <summary>The name in the window bar: the room's, or the other party's.</summary>
    public abstract string Label { get; }

    /// <summary>The row at the top of the window: the room's topic, or who the conversation is with.</summary>
    public abstract string TopicLine { get; }

    /// <summary>Who is in the window, sorted by name; empty for a private conversation.</summary>
    public virtual IReadOnlyList<string> Users => [];

    /// <summary>Whether the window has a user list to show beside its log.</summary>
    public virtual bool HasUserList => false;

    /// <summary>What the window holds that the user has not seen; always <see cref="WindowActivity.None"/> while in view.</summary>
    public WindowActivity Activity { get; private set; }

    /// <summary>Whether the window is the one in view.</summary>
    public bool IsCurrent
    {
        get => _current;
        internal set
        {
            _current = value;
            if (value && Activity != WindowActivity.None)
            {
                Activity = WindowActivity.None;
                ActivityChanged?.Invoke(this, EventArgs.Empty);
            }
        }
    }

    /// <summary>Whether the log shows its newest line (the user has not scrolled it up).</summary>
    public bool Following { get; private set; } = true;

    /// <summary>Lines that arrived below the scrolled-up view.</summary>
    public int Unseen { get; private set; }

    /// <summary>Of <see cref="Unseen"/>, the lines for this user (mentions, private messages).</summary>
    public int UnseenAlerts { get; private set; }

    /// <summary>How the status line tells of <see cref="Unseen"/>, or an empty string.</summary>
    public string UnseenText => (Unseen, UnseenAlerts) switch
    {
        (0, _) => string.Empty,
        (var n, 0) => $"{n} new below",
        (var n, 1) => $"{n} new below, 1 for you",
        var (n, alerts) => $"{n} new below, {alerts} for you",
    };

    /// <summary>The activity a line brings to a window not in view.</summary>
    /// <param name="line">The line.</param>
    public static WindowActivity ActivityOf(LogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Kind switch
        {
            LogKind.PrivateIn => WindowActivity.Highlight,
            LogKind.Message or LogKind.Action when line.MentionsMe => WindowActivity.Highlight,
            LogKind.Message or LogKind.Action or LogKind.Notice => WindowActivity.Lines,
            _ => WindowActivity.None,
        };
    }

    /// <summary>Appends a line, marking the window's activity when it is not in view.</summary>
    /// <param name="line">The line.</param>
    public void Add(LogLine line)
    {
        Log.Add(line);
        Mark(ActivityOf(line));
    }

    /// <summary>Appends lines, marking the window's activity when it is not in view.</summary>
    /// <param name="lines">The lines, oldest first.</param>
    public void AddRange(IReadOnlyCollection<LogLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Log.AddRange(lines);
        Mark(lines.Select(ActivityOf).DefaultIfEmpty().Max());
    }

    /// <summary>A line for this user arrived in this window: counted while the log is scrolled up.</summary>
    public void CountAlert()
    {
        if (!Following)
        {
            UnseenAlerts++;
            UnseenChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Tells the window whether its log shows its newest line; back at the bottom, nothing is unseen.</summary>
    /// <param name="following"><see langword="true"/> when the newest line is in view.</param>
    public void SetFollowing(bool following)
    {
        if (Following == following)
        {
            return;
        }

        Following = following;
        if (following && Unseen > 0)
        {
            Unseen = UnseenAlerts = 0;
            UnseenChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Empties the log (<c>/clear</c>); nothing is left unseen.</summary>
    public void Clear()
    {
        Log.Clear();
        Unseen = UnseenAlerts = 0;
        UnseenChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Marks the line at <paramref name="index"/> (taking the mark off any other) and asks the view to bring it into view.</summary>
    /// <param name="index">The line's index in the log.</param>
    public void Reveal(int index)
    {
        for (var i = 0; i < Log.Count; i++)
        {
            if (Log[i].Marked && i != index)
            {
                Log.Replace(i, Log[i] with { Marked = false });
            }
        }

        if (!Log[index].Marked)
        {
            Log.Replace(index, Log[index] with { Marked = true });
        }

        SetFollowing(false);
        RevealRequested?.Invoke(this, index);
    }

    /// <summary>Raises <see cref="Changed"/>.</summary>
    protected void OnChanged() => Changed?.Invoke(this, EventArgs.Empty);

    private void Mark(WindowActivity activity)
    {
        if (!IsCurrent && activity > Activity)
        {
            Activity = activity;
            ActivityChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    private void OnLogAppended(object? sender, int first)
    {
        if (Following)
        {
            return;
        }

        Unseen += Log.Count - first;
        UnseenChanged?.Invoke(this, EventArgs.Empty);
    }
}
