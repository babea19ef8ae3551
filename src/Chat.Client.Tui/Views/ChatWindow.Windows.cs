using Chat.Client.Tui.ViewModels;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Views;

/// <summary>Switching windows: the keys, and showing the window in view as it was left.</summary>
internal sealed partial class ChatWindow
{
    /// <summary>The window Alt+1..9 and Alt+0 (10) bring into view, or <see langword="null"/> for another key.</summary>
    private static int? WindowNumber(Key key)
    {
        Key[] digits = [Key.D0, Key.D1, Key.D2, Key.D3, Key.D4, Key.D5, Key.D6, Key.D7, Key.D8, Key.D9];
        for (var digit = 0; digit < digits.Length; digit++)
        {
            if (key == digits[digit].WithAlt)
            {
                return digit == 0 ? 10 : digit;
            }
        }

        return null;
    }

    /// <summary>Another window is in view: its log (wrapped to the current width), where it was scrolled to, its users and topic.</summary>
    private void ShowCurrentWindow()
    {
        var window = _viewModel.Current;
        if (ReferenceEquals(window, _shown))
        {
            return;
        }

        _switching = true;
        try
        {
            if (_shown is { } previous && _sources.ContainsKey(previous))
            {
                _tops[previous] = _log.Viewport.Y;
            }

            _shown = window;
            if (!_sources.TryGetValue(window, out var source))
            {
                source = new MessageLogSource(window.Log, _sources.Count > 0 ? _logSource.Width : 80, _viewModel.Timestamps, _palette, _viewModel.Today);
                var created = source;
                source.RowsInserted += (_, inserted) => OnRowsInserted(created, inserted.Row, inserted.Added);
                window.RevealRequested += OnWindowRevealRequested;
                if (window is SearchWindowViewModel searched)
                {
                    searched.SelectedChanged += OnSearchSelectionChanged;
                }

                _sources[window] = source;
            }

            if (_log.Viewport.Width > 0)
            {
                source.SetWidth(_log.Viewport.Width);
            }

            _logSource = source;
            _shownLog.Target = source;
            if (window is SearchWindowViewModel search)
            {
                ShowSearchSelection(search);
            }
            else if (window.Following || !_tops.TryGetValue(window, out var top))
            {
                FollowTail();
            }
            else
            {
                _log.SelectedItem = Math.Min(top, Math.Max(0, source.Count - 1));
                _log.Viewport = _log.Viewport with { Y = top };
            }
        }
        finally
        {
            _switching = false;
        }

        ShowUsers();
        ShowStatus();
    }

    /// <summary>Drops the log sources of windows that were closed.</summary>
    private void ForgetClosedWindows()
    {
        foreach (var window in _sources.Keys.Where(w => !_viewModel.Windows.All.Contains(w)).ToList())
        {
            _sources.Remove(window, out var source);
            _tops.Remove(window);
            window.RevealRequested -= OnWindowRevealRequested;
            if (window is SearchWindowViewModel search)
            {
                search.SelectedChanged -= OnSearchSelectionChanged;
            }

            source?.Dispose();
        }
    }
}
