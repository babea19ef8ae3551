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

    /// <summary>Starts <paramref name="command"/> in a new session of the given size; the pane stays after it exits so its status can be read.</summary>
    public void Start(string session, string command, int width = 100, int height = 30)
    {
        Run("new-session", "-d", "-s", session, "-x", width.ToString(CultureInfo.InvariantCulture), "-y", height.ToString(CultureInfo.InvariantCulture));
        Run("set-option", "-t", session, "remain-on-exit", "on");
        // The test process keeps Terminal.Gui off its own terminal with DisableRealDriverIO; the real client must not inherit that.
        Run("respawn-pane", "-k", "-t", session, $"env -u DisableRealDriverIO TERM=xterm-256color {command}");
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

    /// <summary>Polls until the pane's program has exited; returns its exit status.</summary>
    public async Task<int> WaitForExitAsync(string session, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var state = Run("display-message", "-p", "-t", session, "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}").Trim().Split('|');
            // tmux marks the pane dead when its terminal closes and fills in the status once it has
            // reaped the process: wait for one of status or signal.
            if (state[0] == "1" && int.TryParse(state[1], CultureInfo.InvariantCulture, out var status))
            {
                return status;
            }

            if (state[0] == "1" && state[2].Length > 0)
            {
                throw new InvalidOperationException($"The program in {session} was killed by signal {state[2]}. Screen:\n{Capture(session)}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The program in {session} did not exit within {timeout.TotalSeconds} s. Screen:\n{Capture(session)}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Whether the pane's program is still running.</summary>
    public bool IsRunning(string session) =>
        Run("display-message", "-p", "-t", session, "#{pane_dead}").Trim() == "0";

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
    }

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
