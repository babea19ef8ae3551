using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The open windows in their order (numbered from 1, renumbered when one closes, as irssi does),
/// which one is in view, and switching: by number (Alt+1..9), next and previous (Ctrl+N, Ctrl+P).
/// Used on the UI thread only.
/// </summary>
public sealed class WindowList
{
    private readonly List<WindowViewModel> _windows = [];

    /// <summary>Raised when what the window bar shows changes: a window opened or closed, another is in view, a label or an activity changed.</summary>
    public event EventHandler? Changed;

    /// <summary>Raised when another window comes into view.</summary>
    public event EventHandler? CurrentChanged;

    /// <summary>The windows, in order.</summary>
    public IReadOnlyList<WindowViewModel> All => _windows;

    /// <summary>The window in view.</summary>
    public WindowViewModel Current { get; private set; } = null!;

    /// <summary>The window bar's entries, in order.</summary>
    public IReadOnlyList<WindowBarEntry> Entries =>
        [.. _windows.Select((w, i) => new WindowBarEntry(i + 1, w.Label, w.Activity, ReferenceEquals(w, Current)))];

    /// <summary>Opens a window at the end (or at <paramref name="index"/>); the first window opened comes into view.</summary>
    /// <param name="window">The window.</param>
    /// <param name="select">Whether it comes into view.</param>
    /// <param name="index">Where it goes; the end when omitted.</param>
    public void Add(WindowViewModel window, bool select = false, int? index = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        _windows.Insert(Math.Clamp(index ?? _windows.Count, 0, _windows.Count), window);
        window.ActivityChanged += OnWindowChanged;
        window.Changed += OnWindowChanged;
        if (select || _windows.Count == 1)
        {
            Select(window);
        }
        else
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Closes a window; when it was in view the next one (or the one before, for the last) comes into view. The last window never closes.</summary>
    /// <param name="window">The window.</param>
    /// <returns>Whether it was closed.</returns>
    public bool Remove(WindowViewModel window)
    {
        var index = _windows.IndexOf(window);
        if (index < 0 || _windows.Count == 1)
        {
            return false;
        }

        _windows.RemoveAt(index);
        window.ActivityChanged -= OnWindowChanged;
        window.Changed -= OnWindowChanged;
        window.IsCurrent = false;
        if (ReferenceEquals(window, Current))
        {
            Select(_windows[Math.Min(index, _windows.Count - 1)]);
        }
        else
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }

        return true;
    }

    /// <summary>Brings a window into view.</summary>
    /// <param name="window">One of the open windows.</param>
    public void Select(WindowViewModel window)
    {
        if (!_windows.Contains(window) || ReferenceEquals(window, Current))
        {
            return;
        }

        if (Current is not null)
        {
            Current.IsCurrent = false;
        }

        Current = window;
        window.IsCurrent = true;
        CurrentChanged?.Invoke(this, EventArgs.Empty);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Brings the window with this number into view.</summary>
    /// <param name="number">1 for the first.</param>
    /// <returns>Whether there is such a window.</returns>
    public bool Select(int number)
    {
        if (number < 1 || number > _windows.Count)
        {
            return false;
        }

        Select(_windows[number - 1]);
        return true;
    }

    /// <summary>The next window comes into view (after the last, the first).</summary>
    public void Next() => Step(1);

    /// <summary>The previous window comes into view (before the first, the last).</summary>
    public void Previous() => Step(-1);

    /// <summary>The number of a window, 1 for the first.</summary>
    public int NumberOf(WindowViewModel window) => _windows.IndexOf(window) + 1;

    /// <summary>The window of a room, if it is open.</summary>
    /// <param name="room">The room's name (any letter case); empty for a version-1 server's room.</param>
    public RoomWindowViewModel? FindRoom(string room) =>
        _windows.OfType<RoomWindowViewModel>().FirstOrDefault(w => RoomNameRules.Comparer.Equals(w.Room, room));

    /// <summary>The window of a private conversation, if it is open.</summary>
    /// <param name="peer">The other party's name (any letter case).</param>
    public PrivateWindowViewModel? FindPrivate(string peer) =>
        _windows.OfType<PrivateWindowViewModel>().FirstOrDefault(w => UserNameRules.Comparer.Equals(w.Peer, peer));

    private void Step(int by)
    {
        if (_windows.Count > 1)
        {
            var index = _windows.IndexOf(Current);
            Select(_windows[(index + by + _windows.Count) % _windows.Count]);
        }
    }

    private void OnWindowChanged(object? sender, EventArgs e) => Changed?.Invoke(this, EventArgs.Empty);
}
