using System.Runtime.InteropServices;
using Chat.Client.Tui.Connection;
using Chat.Client.Tui.Settings;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace Chat.Client.Tui;

/// <summary>
/// Starts the client: checks for a terminal, runs the UI, and makes sure that whatever happens
/// the terminal is restored and an error is told in words, never as a stack trace.
/// </summary>
internal static class ClientProgram
{
    /// <summary>Exit code when there is no terminal to draw on.</summary>
    public const int NoTerminalExitCode = 2;

    /// <summary>Exit code after an unexpected error.</summary>
    public const int FailureExitCode = 1;

    public static int Run(ClientSettings settings)
    {
        if (!Driver.IsAttachedToTerminal(out _, out _))
        {
            Console.Error.WriteLine(
                "Chat.Client.Tui is a full-screen program and needs a terminal, but none is attached. " +
                "Run it in a terminal window, or over SSH with a terminal (ssh -t).");
            return NoTerminalExitCode;
        }

        Exception? failure = null;
        var exitCode = FailureExitCode;
        IApplication? app = null;
        try
        {
            app = Application.Create().Init();
            if (settings.Mono || !TerminalColors.HasTrueColor(Environment.GetEnvironmentVariable("TERM"), Environment.GetEnvironmentVariable("COLORTERM")))
            {
                // Terminal.Gui would send 24-bit colour to any terminal; a 256- or 16-colour one gets the 16 basic colours.
                app.Driver!.Force16Colors = true;
            }

            // With TLS, servers trusted on first use are remembered in the known hosts file.
            var knownHosts = settings.Tls ? new KnownHosts(KnownHosts.DefaultPath(Environment.GetEnvironmentVariable)) : null;
            var connector = new ChatClientConnector(settings.Host, settings.Port, knownHosts);
            if (settings.PasswordFile is { } passwordFile)
            {
                // Checked by the command line already; read here so that the password is held only by the connector.
                if (!Chat.Shared.PasswordFile.TryRead(passwordFile, out var password, out var problem))
                {
                    throw new InvalidOperationException(problem);
                }

                connector.Password = password;
            }

            if (settings.NamePasswordFile is { } namePasswordFile)
            {
                if (!Chat.Shared.PasswordFile.TryRead(namePasswordFile, out var namePassword, out var problem))
                {
                    throw new InvalidOperationException(problem);
                }

                connector.NamePassword = namePassword;
            }

            var chat = new ChatApp(app, connector, settings, knownHosts);
            var terminalKeys = new TerminalKeys(app, TerminalModes.Capture());
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);

            // After any stop (Ctrl+Z, SIGTSTP, SIGSTOP) the terminal is set up again and redrawn.
            using var continued = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGCONT, _ => terminalKeys.Resumed());
            AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
            terminalKeys.Attach();
            try
            {
                exitCode = chat.Run(settings.Name);
            }
            finally
            {
                terminalKeys.Detach();
            }

            failure = chat.Failure;

            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true;
                chat.RequestQuit();
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
            RestoreTerminal(app, failure is null ? exitCode : FailureExitCode);
        }

        if (failure is not null)
        {
            Console.Error.WriteLine($"The chat client stopped because of an unexpected error: {ProblemText.Describe(failure)}");
            return FailureExitCode;
        }

        return exitCode;

        void OnUnhandledException(object sender, UnhandledExceptionEventArgs e)
        {
            // The process is going down: give the terminal back first, then say why in one line.
            RestoreTerminal(app, FailureExitCode);
            Console.Error.WriteLine(
                $"The chat client stopped because of an unexpected error: {(e.ExceptionObject as Exception)?.Message ?? "unknown"}");
            Environment.Exit(FailureExitCode);
        }
    }

    /// <summary>
    /// Gives the terminal back (leaves the alternate screen, turns off raw mode and mouse
    /// reporting). When the terminal is already gone (a dropped SSH session, a closed tmux pane)
    /// Terminal.Gui can wait forever for it, so a watchdog ends the process with
    /// <paramref name="exitCode"/> if restoring takes too long.
    /// </summary>
    private static void RestoreTerminal(IApplication? app, int exitCode)
    {
        if (app is null)
        {
            return;
        }

        using var watchdog = new Timer(_ => Environment.Exit(exitCode), null, RestoreTimeout, System.Threading.Timeout.InfiniteTimeSpan);
        try
        {
            app.Dispose();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // The terminal may be gone already.
        }
    }

    private static TimeSpan RestoreTimeout => TimeSpan.FromSeconds(3);
}
