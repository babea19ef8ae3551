using Chat.Client.Tui.ViewModels;
using Terminal.Gui.App;
using Terminal.Gui.Views;

namespace Chat.Client.Tui.Views;

/// <summary>
/// Binds the room's alerts and pastes to the terminal: the bell, the terminal window's title
/// (saved on the terminal's title stack first and given back at the end), a bracketed paste of
/// several lines, and the question a large paste asks.
/// </summary>
internal sealed class ChatAlerts : IDisposable
{
    // xterm's title stack (XTWINOPS 22/23): tmux, xterm, VTE and most others keep the user's title.
    private const string PushTitle = "\u001b[22;0t";
    private const string PopTitle = "\u001b[23;0t";

    private readonly IApplication _app;
    private readonly ChatViewModel _viewModel;

    public ChatAlerts(IApplication app, ChatViewModel viewModel)
    {
        _app = app;
        _viewModel = viewModel;
        _app.Driver?.WriteRaw(PushTitle);
        SetTitle();
        _viewModel.BellRequested += OnBell;
        _viewModel.TerminalTitleChanged += OnTitleChanged;
        _viewModel.PasteConfirmationRequested += OnPasteConfirmationRequested;
        _app.Paste += OnPaste;
    }

    public void Dispose()
    {
        _app.Paste -= OnPaste;
        _viewModel.PasteConfirmationRequested -= OnPasteConfirmationRequested;
        _viewModel.TerminalTitleChanged -= OnTitleChanged;
        _viewModel.BellRequested -= OnBell;
        _app.Driver?.WriteRaw(PopTitle);
    }

    private void OnBell(object? sender, EventArgs e) => _app.Driver?.WriteRaw("\a");

    private void OnTitleChanged(object? sender, EventArgs e) => SetTitle();

    private void SetTitle() => _app.Driver?.SetTerminalTitle(_viewModel.TerminalTitle, 2);

    private void OnPaste(object? sender, Terminal.Gui.Input.PasteEventArgs e)
    {
        // Only the room's own input: a dialog on top takes its pastes as usual.
        if (_app.TopRunnableView is ChatWindow && _viewModel.Paste(e.Text))
        {
            e.Handled = true;
        }
    }

    private void OnPasteConfirmationRequested(object? sender, EventArgs e)
    {
        if (_viewModel.PendingPaste is not { } lines)
        {
            return;
        }

        // The last button is the default: Enter sends, Esc cancels, J joins.
        var answer = MessageBox.Query(
            _app,
            "Paste",
            $"The paste holds {lines.Count} lines. Send them as {lines.Count} lines, paced to the server's limit?",
            "Cancel",
            "_Join into one line",
            $"_Send {lines.Count} lines");
        _viewModel.AnswerPaste(answer switch
        {
            2 => PasteAnswer.SendLines,
            1 => PasteAnswer.JoinIntoOneLine,
            _ => PasteAnswer.Cancel,
        });
    }
}
