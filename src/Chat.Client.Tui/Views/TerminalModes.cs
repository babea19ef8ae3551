using System.Runtime.InteropServices;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace Chat.Client.Tui.Views;

/// <summary>
/// The terminal as Terminal.Gui set it up (raw mode, the alternate screen, mouse reporting,
/// bracketed paste), kept so it can be set up again after the process was stopped: by Ctrl+Z,
/// by an outside SIGSTOP or SIGTSTP, or by anything else that changed the terminal's modes
/// meanwhile (.NET itself resets them on SIGCONT, which left PgUp typing <c>^[[5~</c>).
/// </summary>
internal sealed class TerminalModes
{
    // Larger than struct termios on Linux (60 bytes) and macOS (72); tcgetattr fills what it uses.
    private const int TermiosSize = 256;
    private const int SetNow = 0;
    private const int StandardInput = 0;
    private readonly byte[] _modes;

    private TerminalModes(byte[] modes, bool saved)
    {
        _modes = modes;
        Saved = saved;
    }

    /// <summary>Whether the modes could be read (standard input is a terminal on a Unix system).</summary>
    public bool Saved { get; }

    /// <summary>Remembers the terminal's modes as they are now; call right after the application's Init.</summary>
    public static TerminalModes Capture()
    {
        var modes = new byte[TermiosSize];
        var saved = false;
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                saved = tcgetattr(StandardInput, modes) == 0;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // No termios here.
            }
        }

        return new TerminalModes(modes, saved);
    }

    /// <summary>
    /// Stops the process the way a terminal program does on Ctrl+Z: Terminal.Gui gives the
    /// terminal back to the shell and stops the process group (SIGTSTP); when the shell resumes
    /// it (fg), this returns and the screen is set up again and redrawn.
    /// </summary>
    public void Suspend(IApplication app)
    {
        app.Driver?.Suspend();
        Reapply(app);
    }

    /// <summary>Sets the terminal up again (after SIGCONT): the saved modes, the alternate screen, mouse and paste reporting, then a full redraw.</summary>
    public void Reapply(IApplication app)
    {
        if (Saved && !OperatingSystem.IsWindows())
        {
            try
            {
                _ = tcsetattr(StandardInput, SetNow, _modes);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // No termios here: nothing to put back.
            }
        }

        app.Driver?.WriteRaw(
            EscSeqUtils.CSI_SaveCursorAndActivateAltBufferNoBackscroll +
            EscSeqUtils.CSI_HideCursor +
            EscSeqUtils.CSI_EnableMouseEvents +
            EscSeqUtils.CSI_EnableBracketedPaste);
        Redraw(app);
    }

    /// <summary>Clears the terminal and draws every cell again (Ctrl+L): repairs whatever the terminal shows wrongly.</summary>
    public static void Redraw(IApplication app)
    {
        app.Driver?.WriteRaw(EscSeqUtils.CSI_ClearScreen(EscSeqUtils.ClearScreenOptions.EntireScreen));
        app.LayoutAndDraw(forceRedraw: true);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, [Out] byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);
}
