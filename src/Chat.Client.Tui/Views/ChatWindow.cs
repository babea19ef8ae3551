using Chat.Client.Tui.ViewModels;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.Views;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Chat.Client.Tui.Views;

/// <summary>
/// The chat: the window in view (its topic, log and user list), the window bar, the input line
/// and the status line, bound to a <see cref="ChatViewModel"/>. Keys: Enter sends, Up/Down
/// recall, Tab completes a name, PgUp/PgDn scroll (PgUp at the top loads older lines, keeping
/// the view), Ctrl+Home/Ctrl+End jump, Alt+1..9 and Ctrl+N/Ctrl+P switch windows, Ctrl+R
/// reconnects, Ctrl+Q quits; Esc does not quit. In a search's window Up/Down, PgUp/PgDn and
/// Enter choose and open a match.
/// </summary>
/// <remarks>
/// Each window keeps its own <see cref="MessageLogSource"/> (wrapped to the log's width) and,
/// when scrolled up, where its view was: switching back shows it as it was left.
/// </remarks>
internal sealed partial class ChatWindow : Window
{
    private readonly ChatViewModel _viewModel;
    private readonly LogPalette _palette;
    private readonly Dictionary<WindowViewModel, MessageLogSource> _sources = [];
    private readonly Dictionary<WindowViewModel, int> _tops = [];
    private readonly UserListSource _userSource;
    private readonly WindowLogSource _shownLog = new();
    private MessageLogSource _logSource = null!;
    private WindowViewModel? _shown;
    private bool _switching;
    private bool _statusAlerting;
    private int _longestName;

    /// <summary>In a terminal narrower than this the user list is hidden, leaving the log room to read.</summary>
    public const int NarrowWidth = 60;

    /// <summary>The user list's width: about its longest name, never more than a quarter of the window.</summary>
    private const int MinUserListWidth = 12;
    private const int MaxUserListWidth = 24;

    /// <summary>Creates the window.</summary>
    /// <param name="viewModel">The chat.</param>
    /// <param name="palette">The log's colours; <see cref="LogPalette.Color"/> when omitted.</param>
    public ChatWindow(ChatViewModel viewModel, LogPalette? palette = null)
    {
        palette ??= LogPalette.Color;
        _viewModel = viewModel;
        _palette = palette;
        InitializeComponent();
        Title = viewModel.Title;

        if (palette.IsMono)
        {
            SetScheme(LogPalette.MonoScheme);
        }

        _userSource = new UserListSource(viewModel, palette);
        _users.Source = _userSource;
        _log.Source = _shownLog;
        ShowCurrentWindow();
        _log.CollectionChanged += (_, _) => FollowTail();
        _log.ViewportChanged += (_, _) => OnLogViewportChanged();

        _input.KeyDown += OnInputKeyDown;
        KeyDown += OnWindowKeyDown;

        viewModel.StatusChanged += (_, _) => ShowStatus();
        viewModel.UsersChanged += (_, _) => ShowUsers();
        viewModel.UserListShownChanged += (_, _) => SetNeedsLayout();
        viewModel.QuitRequested += (_, _) => RequestStop();
        viewModel.Windows.CurrentChanged += (_, _) => ShowCurrentWindow();
        viewModel.Windows.Changed += (_, _) => ForgetClosedWindows();
        viewModel.TodayChanged += (_, _) => ShowToday();
        ShowStatus();
        ShowUsers();
        Initialized += (_, _) => _input.SetFocus();
    }

    /// <summary>The view model behind the window.</summary>
    public ChatViewModel ViewModel => _viewModel;

    /// <summary>Handles keys that work anywhere in the window; called from the application's key hook too.</summary>
    /// <returns>Whether the key was used.</returns>
    public bool HandleGlobalKey(Key key)
    {
        if (key == Key.Q.WithCtrl)
        {
            _ = _viewModel.QuitAsync();
            return true;
        }

        if (key == Key.R.WithCtrl)
        {
            _viewModel.ReconnectNow();
            return true;
        }

        if (WindowNumber(key) is { } number)
        {
            _viewModel.SelectWindow(number);
            return true;
        }

        if (key == Key.N.WithCtrl)
        {
            _viewModel.NextWindow();
            return true;
        }

        if (key == Key.P.WithCtrl)
        {
            _viewModel.PreviousWindow();
            return true;
        }

        if (key == Key.F2)
        {
            _viewModel.ToggleUserList();
            return true;
        }

        // Esc cancels lines waiting to be sent; it never closes the window (and the program).
        if (key == Key.Esc)
        {
            _viewModel.CancelPendingSends();
            return true;
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _log.Source = null;
            _users.Source = null;
            foreach (var source in _sources.Values)
            {
                source.Dispose();
            }

            _sources.Clear();
        }

        base.Dispose(disposing);
    }

    private void OnWindowKeyDown(object? sender, Key key)
    {
        if (HandleGlobalKey(key))
        {
            key.Handled = true;
        }
    }

    private void Submit()
    {
        var text = _viewModel.Input.Text;
        _viewModel.Input.Clear();
        _ = SubmitAsync(text);
    }

    private async Task SubmitAsync(string text)
    {
        var accepted = await _viewModel.SubmitAsync(text);
        if (!accepted)
        {
            App?.Invoke(() =>
            {
                if (_viewModel.Input.Length == 0)
                {
                    _viewModel.Input.SetText(text);
                }
            });
        }
    }

    private void OnInputKeyDown(object? sender, Key key)
    {
        if (_viewModel.Current is SearchWindowViewModel search && HandleSearchKey(search, key))
        {
            key.Handled = true;
        }
        else if (key == Key.Enter)
        {
            key.Handled = true;
            Submit();
        }
        else if (key == Key.Tab)
        {
            key.Handled = true;
            if (_viewModel.Complete(_viewModel.Input.Text, _viewModel.Input.Cursor) is { } completion)
            {
                _viewModel.Input.SetText(completion.Line, completion.Cursor);
            }
        }
        else if (key == Key.CursorUp)
        {
            key.Handled = true;
            Recall(_viewModel.RecallPrevious(_viewModel.Input.Text));
        }
        else if (key == Key.CursorDown)
        {
            key.Handled = true;
            Recall(_viewModel.RecallNext());
        }
        else if (key == Key.PageUp)
        {
            key.Handled = true;
            var atTop = _log.Viewport.Y == 0;
            ScrollLog(-PageRows());
            if (atTop || _log.Viewport.Y == 0)
            {
                // Past the oldest line: older ones are loaded above, and the view stays where it is.
                _ = _viewModel.LoadOlderAsync();
            }
        }
        else if (key == Key.PageDown)
        {
            key.Handled = true;
            ScrollLog(PageRows());
        }
        else if (key == Key.Home.WithCtrl)
        {
            key.Handled = _log.MoveHome(false) || true;
        }
        else if (key == Key.End.WithCtrl)
        {
            key.Handled = _log.MoveEnd(false) || true;
        }
    }

    private void Recall(string? text)
    {
        if (text is null)
        {
            return;
        }

        _viewModel.Input.SetText(text);
    }

    /// <summary>A page of the log: its height, less one row kept for context.</summary>
    private int PageRows() => Math.Max(1, _log.Viewport.Height - 1);

    /// <summary>Scrolls the log by <paramref name="rows"/> (negative: up) from the first press, keeping the selection on screen.</summary>
    private void ScrollLog(int rows)
    {
        var height = Math.Max(1, _log.Viewport.Height);
        var top = Math.Clamp(_log.Viewport.Y + rows, 0, Math.Max(0, _logSource.Count - height));
        _log.Viewport = _log.Viewport with { Y = top };
        if (_logSource.Count > 0)
        {
            _log.SelectedItem = rows < 0 ? top : Math.Min(_logSource.Count - 1, top + height - 1);
        }

        // Selecting may have scrolled the list by itself: the page is where the key put it.
        _log.Viewport = _log.Viewport with { Y = top };
    }

    /// <summary>The columns the user list takes: none when hidden (F2, /users) or when the window is narrow.</summary>
    private int UserListColumns()
    {
        var width = Viewport.Width;
        if (!_viewModel.UserListShown || !_viewModel.Current.HasUserList || Frame.Width < NarrowWidth)
        {
            return 0;
        }

        // The frame's border takes two columns; its title "┤Users (n)├" four more than the text.
        var title = TerminalText.Columns(_usersFrame.Title) + 4;
        return Math.Clamp(Math.Max(_longestName + 2, title), MinUserListWidth, Math.Min(MaxUserListWidth, width / 4));
    }

    /// <summary>The row above the log: the topic, with a server that has rooms.</summary>
    private int TopicRows() => _viewModel.SupportsRooms ? 1 : 0;

    /// <summary>Keeps the view on the lines it shows when rows were added above them (older lines loaded, a divider).</summary>
    private void OnRowsInserted(MessageLogSource source, int row, int added)
    {
        if (!ReferenceEquals(source, _logSource))
        {
            var window = _sources.FirstOrDefault(p => ReferenceEquals(p.Value, source)).Key;
            if (window is not null && _tops.TryGetValue(window, out var top) && row <= top)
            {
                _tops[window] = Math.Max(0, top + added);
            }

            return;
        }

        if (_viewModel.Current.Following)
        {
            FollowTail();
            return;
        }

        var viewTop = _log.Viewport.Y;
        var selected = _log.SelectedItem ?? 0;
        if (row <= viewTop)
        {
            _log.SelectedItem = Math.Clamp(selected + added, 0, Math.Max(0, _logSource.Count - 1));
            _log.Viewport = _log.Viewport with { Y = Math.Max(0, viewTop + added) };
        }
    }

    /// <summary>Midnight: every window's lines of the day before now show their date.</summary>
    private void ShowToday()
    {
        foreach (var (window, source) in _sources)
        {
            if (ReferenceEquals(source, _logSource))
            {
                KeepingTheView(() => source.SetToday(_viewModel.Today));
            }
            else
            {
                source.SetToday(_viewModel.Today);
                _tops.Remove(window);
            }
        }
    }

    /// <summary>Wraps the log in view again (<paramref name="rewrap"/>) keeping the same lines in view when scrolled up.</summary>
    private void KeepingTheView(Action rewrap)
    {
        var topLine = _logSource.LineAt(_log.Viewport.Y);
        var selectedLine = _logSource.LineAt(_log.SelectedItem ?? 0);
        rewrap();
        if (!_viewModel.Current.Following)
        {
            _log.SelectedItem = _logSource.FirstRowOf(selectedLine);
            _log.Viewport = _log.Viewport with { Y = _logSource.FirstRowOf(topLine) };
        }
        else
        {
            FollowTail();
        }
    }

    /// <summary>A window asks for a line to be brought into view (a search jumped to it): it is shown a third of the way down, and chosen.</summary>
    private void OnRevealRequested(WindowViewModel window, int line)
    {
        if (!_sources.TryGetValue(window, out var source))
        {
            return;
        }

        var row = source.FirstRowOf(line);
        var height = Math.Max(1, _log.Viewport.Height);
        var top = Math.Clamp(row - (height / 3), 0, Math.Max(0, source.Count - height));
        if (!ReferenceEquals(source, _logSource))
        {
            _tops[window] = top;
            return;
        }

        _switching = true;
        try
        {
            _log.SelectedItem = row;
            _log.Viewport = _log.Viewport with { Y = top };
        }
        finally
        {
            _switching = false;
        }

        OnLogViewportChanged();
    }

    private void FollowTail()
    {
        if (_viewModel.Current is SearchWindowViewModel { Selected: >= 0 } search)
        {
            // A search's window keeps its chosen match in view, not its last line.
            ShowSearchSelection(search);
        }
        else if (_viewModel.Current.Following && _logSource.Count > 0)
        {
            _log.SelectedItem = _logSource.Count - 1;
            _log.EnsureSelectedItemVisible();
        }
    }

    private void OnLogViewportChanged()
    {
        if (_switching)
        {
            return;
        }

        var width = _log.Viewport.Width;
        var following = _viewModel.Current.Following;
        if (width > 0 && width != _logSource.Width)
        {
            var topLine = _logSource.LineAt(_log.Viewport.Y);
            var selectedLine = _logSource.LineAt(_log.SelectedItem ?? 0);
            _logSource.SetWidth(width);
            if (!following)
            {
                _log.SelectedItem = _logSource.FirstRowOf(selectedLine);
                _log.Viewport = _log.Viewport with { Y = _logSource.FirstRowOf(topLine) };
            }
        }

        var atTail = _log.Viewport.Y + _log.Viewport.Height >= _logSource.Count;
        if (atTail != following)
        {
            _viewModel.SetFollowing(atTail);
        }
    }

    private static Scheme AlertScheme(Attribute normal) =>
        new(normal with { Style = normal.Style | TextStyle.Reverse | TextStyle.Bold });

    private void ShowStatus()
    {
        _status.Text = _viewModel.Status;

        // Lines for this user below the scrolled-up view: the status line stands out (reversed), in colour or not.
        var alert = _viewModel.HasUnseenAlerts;
        if (alert != _statusAlerting)
        {
            _statusAlerting = alert;
            _status.SetScheme(alert ? AlertScheme(_status.GetAttributeForRole(VisualRole.Normal)) : null);
            _status.SetNeedsDraw();
        }
    }

    private void ShowUsers()
    {
        Title = _viewModel.Title;
        _topic.Text = _viewModel.Current.TopicLine;
        _usersFrame.Title = $"Users ({_viewModel.Users.Count})";
        _longestName = _viewModel.Users.Count == 0 ? 0 : _viewModel.Users.Max(TerminalText.Columns);
        _userSource.Refresh();
        SetNeedsLayout();
    }
}
