using Terminal.Gui.App;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Views;

/// <summary>
/// Keys that act on the terminal wherever the focus is, on the login dialog as in the room:
/// Ctrl+L redraws the whole screen; Ctrl+Z suspends the client as any terminal program does.
/// It also gives back Alt+Backspace: xterm and tmux send it as ESC DEL, which Terminal.Gui 2.5's
/// input parser matches to no key and reports as a swallowed sequence; that one is raised here
/// as the key it is.
/// </summary>
internal sealed class TerminalKeys(IApplication app, TerminalModes modes)
{
    /// <summary>Starts listening to the application's keys.</summary>
    public void Attach()
    {
        app.Keyboard.KeyDown += OnKeyDown;
        if (app.Driver is { } driver)
        {
            driver.GetInputProcessor().AnsiSequenceSwallowed += OnSequenceSwallowed;
        }
    }

    /// <summary>Stops listening.</summary>
    public void Detach()
    {
        app.Keyboard.KeyDown -= OnKeyDown;
        if (app.Driver is { } driver)
        {
            driver.GetInputProcessor().AnsiSequenceSwallowed -= OnSequenceSwallowed;
        }
    }

    /// <summary>The key a sequence the input parser gave up on stands for, or null when it is not one of ours.</summary>
    internal static Key? KeyForSwallowedSequence(string sequence) => sequence switch
    {
        "\u001b\u007f" => Key.Backspace.WithAlt,
        _ => null,
    };

    private void OnSequenceSwallowed(object? sender, string sequence)
    {
        if (KeyForSwallowedSequence(sequence) is { } key)
        {
            // The parser runs on the main loop's thread, so the key is raised where keys always are.
            app.Keyboard.RaiseKeyDownEvent(key);
        }
    }

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
