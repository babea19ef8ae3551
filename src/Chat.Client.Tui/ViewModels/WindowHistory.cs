namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// What a window holds of the server's history, by line id: which ids it shows (so a line is
/// never shown twice), the oldest and newest, where lines loaded from the history go in its log
/// (older above, newer at the end, others between the lines around their id), and whether the
/// beginning of the history is in view. Ids are comparable only within one id space: when the
/// server's history began again (another epoch) the window starts a new one below what it shows.
/// Used on the UI thread only.
/// </summary>
public sealed class WindowHistory
{
    private readonly MessageLog _log;
    private readonly HashSet<long> _ids = [];

    /// <summary>Follows the log of one window.</summary>
    /// <param name="log">The window's log.</param>
    public WindowHistory(MessageLog log)
    {
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _log.Cleared += (_, _) => OnCleared();
    }

    /// <summary>The oldest id shown in the current id space; 0 when none.</summary>
    public long OldestId { get; private set; }

    /// <summary>The newest id shown in the current id space; 0 when none.</summary>
    public long NewestId { get; private set; }

    /// <summary>Where the current id space's lines begin in the log: older lines loaded go here.</summary>
    public int RegionStart { get; private set; }

    /// <summary>Whether the beginning of the history is shown: nothing older to load.</summary>
    public bool AtBeginning { get; private set; }

    /// <summary>Whether older lines are being loaded: no second request is made meanwhile.</summary>
    public bool Loading { get; set; }

    /// <summary>Whether the next line starts a new id space (the server's history began again while disconnected).</summary>
    public bool NewIdSpacePending { get; private set; }

    /// <summary>Whether the window shows the line with this id.</summary>
    /// <param name="id">The line's id.</param>
    public bool Shows(long id) => id > 0 && !NewIdSpacePending && _ids.Contains(id);

    /// <summary>Whether a line said now with this id is new to the window; remembers it (it goes at the end of the log).</summary>
    /// <param name="id">The line's id; 0 (not kept) is always new.</param>
    public bool See(long id)
    {
        StartPendingIdSpace();
        if (id <= 0)
        {
            return true;
        }

        if (!_ids.Add(id))
        {
            return false;
        }

        Remember(id);
        return true;
    }

    /// <summary>The server's history began again (another epoch): ids from now on are not comparable with those shown.</summary>
    public void ExpectNewIdSpace() => NewIdSpacePending = true;

    /// <summary>Starts a new id space now when one is expected: the lines above stay, but their ids are forgotten.</summary>
    public void StartPendingIdSpace()
    {
        if (!NewIdSpacePending)
        {
            return;
        }

        NewIdSpacePending = false;
        _ids.Clear();
        OldestId = NewestId = 0;
        RegionStart = _log.Count;
        AtBeginning = false;
    }

    /// <summary>
    /// Puts lines from the server's history into the log, each where its id goes: older than every
    /// line shown at the top of the id space, newer at the end, others between. Lines shown already are left out.
    /// </summary>
    /// <param name="lines">The lines, each with its id, in ascending id order.</param>
    /// <returns>The lines added.</returns>
    public IReadOnlyList<LogLine> Merge(IReadOnlyList<LogLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        StartPendingIdSpace();
        var older = new List<LogLine>();
        var newer = new List<LogLine>();
        var between = new List<LogLine>();
        var added = new List<LogLine>();
        foreach (var line in lines)
        {
            if (line.Id <= 0 || !_ids.Add(line.Id))
            {
                continue;
            }

            added.Add(line);
            (NewestId == 0 || line.Id > NewestId ? newer : line.Id < OldestId ? older : between).Add(line);
        }

        _log.Insert(RegionStart, older);
        foreach (var line in between)
        {
            _log.Insert(IndexAfter(line.Id), [line]);
        }

        _log.AddRange(newer);
        foreach (var line in added)
        {
            Remember(line.Id);
        }

        return added;
    }

    /// <summary>Shows that nothing older exists: the divider goes at the top of the id space, and no more is loaded.</summary>
    /// <param name="divider">The divider ("── beginning of #dev ──").</param>
    public void MarkBeginning(LogLine divider)
    {
        if (AtBeginning)
        {
            return;
        }

        AtBeginning = true;
        _log.Insert(RegionStart, [divider]);
    }

    /// <summary>The index the line after the one with this id has (where a line just after it goes); the end when none.</summary>
    /// <param name="id">An id.</param>
    public int IndexAfter(long id)
    {
        for (var i = RegionStart; i < _log.Count; i++)
        {
            if (_log[i].Id > id)
            {
                return i;
            }
        }

        return _log.Count;
    }

    /// <summary>The index of the line with this id in the current id space, or -1.</summary>
    /// <param name="id">The line's id.</param>
    public int IndexOf(long id) => Shows(id) ? _log.IndexOfId(id, RegionStart) : -1;

    /// <summary>The newest id shown below <paramref name="id"/>, or 0.</summary>
    public long Before(long id) => _ids.Where(i => i < id).DefaultIfEmpty().Max();

    /// <summary>The oldest id shown above <paramref name="id"/>, or 0.</summary>
    public long After(long id) => _ids.Where(i => i > id).DefaultIfEmpty().Min();

    private void Remember(long id)
    {
        OldestId = OldestId == 0 ? id : Math.Min(OldestId, id);
        NewestId = Math.Max(NewestId, id);
    }

    private void OnCleared()
    {
        // What was cleared can be loaded again by scrolling back: the newest id stays the place to load from.
        _ids.Clear();
        OldestId = NewestId = NewestId == 0 ? 0 : NewestId + 1;
        RegionStart = 0;
        AtBeginning = false;
    }
}
