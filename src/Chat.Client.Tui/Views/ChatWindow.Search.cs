using Chat.Client.Tui.ViewModels;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Views;

/// <summary>A search's window: Up/Down choose a match, PgDn at the end loads more, Enter (with nothing typed) shows the match in its room.</summary>
internal sealed partial class ChatWindow
{
    /// <summary>The keys of a search's window; others go on to the input line.</summary>
    /// <returns>Whether the key was used.</returns>
    private bool HandleSearchKey(SearchWindowViewModel search, Key key)
    {
        if (key == Key.CursorUp)
        {
            _viewModel.MoveMatch(search, -1);
            return true;
        }

        if (key == Key.CursorDown)
        {
            _viewModel.MoveMatch(search, 1);
            return true;
        }

        if (key == Key.PageUp || key == Key.PageDown)
        {
            var lines = Math.Max(1, _log.Viewport.Height - 1);
            _viewModel.MoveMatch(search, key == Key.PageUp ? -lines : lines);
            return true;
        }

        if (key == Key.Enter && _viewModel.Input.Length == 0)
        {
            _ = _viewModel.OpenMatchAsync(search);
            return true;
        }

        return false;
    }

    private void OnWindowRevealRequested(object? sender, int line)
    {
        if (sender is WindowViewModel window)
        {
            OnRevealRequested(window, line);
        }
    }

    private void OnSearchSelectionChanged(object? sender, EventArgs e)
    {
        if (ReferenceEquals(sender, _viewModel.Current) && sender is SearchWindowViewModel search)
        {
            ShowSearchSelection(search);
        }
    }

    /// <summary>The chosen match is the list's selection, in view.</summary>
    private void ShowSearchSelection(SearchWindowViewModel search)
    {
        if (search.Selected < 0 || _logSource.Count == 0)
        {
            return;
        }

        _log.SelectedItem = _logSource.FirstRowOf(search.Selected);
        _log.EnsureSelectedItemVisible();
    }
}
