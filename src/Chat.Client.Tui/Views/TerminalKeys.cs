using Terminal.Gui.App;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Views;

/// <summary>
/// Keys that act on the terminal wherever the focus is, on the login dialog as in the room:
/// Ctrl+L redraws the whole screen; Ctrl+Z suspends the client as any terminal program does.
/// </summary>
internal sealed class TerminalKeys(IApplication app, TerminalModes modes)
{
    /// <summary>Starts listening to the application's keys.</summary>
    public void Attach() => app.Keyboard.KeyDown += OnKeyDown;

    /// <summary>Stops listening.</summary>
    public void Detach() => app.Keyboard.KeyDown -= OnKeyDown;

    /// <summary>Sets the terminal up again after the process was continued (SIGCONT); safe from any thread.</summary>
    public void Resumed() => new AppDispatcher(app).Post(() => modes.Reapply(app));

    private void OnKeyDown(object? sender, Key key)
    {
        if (key == Key.L.WithCtrl)
        {
            key.Handled = true;
            TerminalModes.Redraw(app);
        }
        else if (key == Key.Z.WithCtrl)
        {
            // Handled here, not by Terminal.Gui's own binding, so that the screen is set up again after fg.
            key.Handled = true;
            modes.Suspend(app);
        }
    }
}
