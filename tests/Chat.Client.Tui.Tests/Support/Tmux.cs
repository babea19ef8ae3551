using System.Diagnostics;
using System.Globalization;

namespace Chat.Client.Tui.Tests.Support;

/// <summary>
/// A private tmux server (its own socket, so tests never touch the user's tmux or each other)
/// that runs programs in real pseudo-terminals, types into them and reads their screens.
/// </summary>
internal sealed class Tmux : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly string _socket = $"chat-e2e-{Environment.ProcessId}-{Guid.NewGuid():N}";
    private readonly string _exitCodes = Directory.CreateTempSubdirectory("chat-e2e-").FullName;

    /// <summary>
    /// Starts <paramref name="command"/> in a new session of the given size. A shell runs it and
    /// writes its exit code to a file when it ends.
    /// </summary>
    public void Start(string session, string command, int width = 100, int height = 30)
    {
        Run("new-session", "-d", "-s", session, "-x", width.ToString(CultureInfo.InvariantCulture), "-y", height.ToString(CultureInfo.InvariantCulture));
        // The test process keeps Terminal.Gui off its own terminal with DisableRealDriverIO; the real client must not inherit that.
        // tmux 3.3 sometimes reports a dead pane without its status (it had not reaped the process
        // yet), and a dead pane's text is gone: the shell writes the exit code to a file instead.
        Run("respawn-pane", "-k", "-t", session,
            $"env -u DisableRealDriverIO TERM=xterm-256color {command}; echo $? > {ExitCodeFile(session)}.tmp && mv {ExitCodeFile(session)}.tmp {ExitCodeFile(session)}");
    }

    /// <summary>Types text literally.</summary>
    public void Type(string session, string text) => Run("send-keys", "-t", session, "-l", text);

    /// <summary>Presses keys by tmux name (Enter, Escape, C-q).</summary>
    public void Press(string session, params string[] keys) => Run(["send-keys", "-t", session, .. keys]);

    /// <summary>The pane's screen as text.</summary>
    public string Capture(string session) => Run("capture-pane", "-p", "-t", session);

    /// <summary>Polls the screen until it contains <paramref name="text"/>; fails with the screen after the deadline.</summary>
    public async Task<string> WaitForTextAsync(string session, string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var screen = Capture(session);
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"\"{text}\" did not appear in {session} within {timeout.TotalSeconds} s. Screen:\n{screen}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Polls until the pane's program has exited; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(string session, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(ExitCodeFile(session)))
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The program in {session} did not exit within {timeout.TotalSeconds} s. Screen:\n{Capture(session)}");
            }

            await Task.Delay(PollInterval);
        }

        return int.Parse((await File.ReadAllTextAsync(ExitCodeFile(session))).Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the pane's program is still running.</summary>
    public bool IsRunning(string session) => !File.Exists(ExitCodeFile(session));

    public void Dispose()
    {
        try
        {
            Run("kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        Directory.Delete(_exitCodes, recursive: true);
    }

    private string ExitCodeFile(string session) => Path.Combine(_exitCodes, session + ".exit");

    private string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tmux did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill();
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} did not finish.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed: {error.Result}");
        }

        return output.Result;
    }
}
