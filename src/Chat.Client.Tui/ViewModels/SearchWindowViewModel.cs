namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// A search's window (<c>/search words</c>): the lines of one room that hold the words, newest
/// first, one of them chosen (Up/Down); more are loaded on reaching the end (PgDn, Down on the
/// last); Enter shows the chosen one in its room's window, in context. Used on the UI thread only.
/// </summary>
public sealed class SearchWindowViewModel : WindowViewModel
{
    /// <summary>Creates the window of a search.</summary>
    /// <param name="room">The room searched, as the client names it (empty for the default room).</param>
    /// <param name="roomLabel">What the window bar calls the room.</param>
    /// <param name="words">The words, as typed.</param>
    public SearchWindowViewModel(string room, string roomLabel, string words)
    {
        Room = room ?? throw new ArgumentNullException(nameof(room));
        RoomLabel = roomLabel ?? throw new ArgumentNullException(nameof(roomLabel));
        Words = words ?? throw new ArgumentNullException(nameof(words));
    }

    /// <summary>Raised when <see cref="Selected"/> changes.</summary>
    public event EventHandler? SelectedChanged;

    /// <summary>The room searched.</summary>
    public string Room { get; }

    /// <summary>What the window bar calls the room.</summary>
    public string RoomLabel { get; }

    /// <summary>The words searched for.</summary>
    public string Words { get; }

    /// <summary>How many matches the window shows.</summary>
    public int Found { get; private set; }

    /// <summary>Whether older lines match too (loaded on reaching the end).</summary>
    public bool More { get; private set; } = true;

    /// <summary>Whether matches are being loaded: no second request is made meanwhile.</summary>
    public bool Loading { get; set; }

    /// <summary>The id of the oldest match shown: the next page is asked for before it; 0 before the first.</summary>
    public long OldestId { get; private set; }

    /// <summary>The index in the log of the chosen match; -1 when there is none.</summary>
    public int Selected { get; private set; } = -1;

    /// <summary>The chosen match's line, or <see langword="null"/>.</summary>
    public LogLine? SelectedLine => Selected >= 0 && Selected < Log.Count && Log[Selected].Id > 0 ? Log[Selected] : null;

    /// <inheritdoc/>
    public override string Label => "?" + Words;

    /// <inheritdoc/>
    public override string TopicLine
    {
        get
        {
            var found = Loading && Found == 0 ? "searching…"
                : $"{Found} found{(More ? (Loading ? ", loading more…" : ", more at the end (PgDn)") : string.Empty)}";
            return $"Search of {RoomLabel} for \"{Words}\": {found} · Up/Down choose · Enter shows it in {RoomLabel} · /close closes";
        }
    }

    /// <summary>Shows the next page of matches, below those shown (they come newest first).</summary>
    /// <param name="lines">The matches, newest first, each with its id.</param>
    /// <param name="more">Whether older lines match too.</param>
    public void AddMatches(IReadOnlyList<LogLine> lines, bool more)
    {
        ArgumentNullException.ThrowIfNull(lines);
        More = more;
        var fresh = lines.Where(l => l.Id > 0 && (OldestId == 0 || l.Id < OldestId)).ToList();
        if (fresh.Count > 0)
        {
            OldestId = fresh[^1].Id;
            Found += fresh.Count;
            AddRange(fresh);
        }

        if (Selected < 0 && Found > 0)
        {
            Select(IndexOfFirstMatch());
        }

        OnChanged();
    }

    /// <summary>Says something in the window (no match, a refusal) and shows the topic line again.</summary>
    /// <param name="line">The line.</param>
    public void Say(LogLine line)
    {
        Add(line);
        OnChanged();
    }

    /// <summary>Chooses the match <paramref name="by"/> matches down (positive) or up.</summary>
    /// <returns>Whether the choice moved past the last match shown (more may be loaded).</returns>
    public bool Move(int by)
    {
        if (Found == 0)
        {
            return by > 0;
        }

        var index = Selected < 0 ? IndexOfFirstMatch() : Selected;
        var step = Math.Sign(by);
        var past = false;
        for (var moved = 0; moved < Math.Abs(by); moved++)
        {
            var next = index + step;
            while (next >= 0 && next < Log.Count && Log[next].Id <= 0)
            {
                next += step;
            }

            if (next < 0 || next >= Log.Count)
            {
                past = step > 0;
                break;
            }

            index = next;
        }

        Select(index);
        return past;
    }

    /// <summary>Chooses the match at this index in the log (a click, or the view's own selection).</summary>
    /// <param name="index">The index of a line.</param>
    public void Select(int index)
    {
        if (index < 0 || index >= Log.Count || Log[index].Id <= 0 || index == Selected)
        {
            return;
        }

        Selected = index;
        SelectedChanged?.Invoke(this, EventArgs.Empty);
    }

    private int IndexOfFirstMatch()
    {
        for (var i = 0; i < Log.Count; i++)
        {
            if (Log[i].Id > 0)
            {
                return i;
            }
        }

        return -1;
    }
}
