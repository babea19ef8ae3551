using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Chat.Server.Tests.Support;

/// <summary>
/// The built server (Chat.Server.dll, copied next to the tests) running as a process of its own,
/// with its standard streams in the test's hands. Disposing kills it if it is still running.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _output = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _error = Channel.CreateUnbounded<string>();
    private readonly ConcurrentQueue<string> _transcript = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The path of the server program the tests run.</summary>
    public static string ServerDll { get; } = Path.Combine(AppContext.BaseDirectory, "Chat.Server.dll");

    public int Id => _process.Id;

    public StreamWriter Input => _process.StandardInput;

    /// <summary>Everything the process wrote so far, both streams, for a failing test's message.</summary>
    public string Transcript => string.Join(Environment.NewLine, _transcript);

    public static ServerProcess Start(params string[] args)
    {
        Assert.True(File.Exists(ServerDll), $"The server was not built next to the tests: {ServerDll}");
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ServerDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Receive(server._output, "out", e.Data);
        process.ErrorDataReceived += (_, e) => server.Receive(server._error, "err", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits for the line that says where the server listens, which must be its first line of output.</summary>
    public async Task<int> WaitForListeningAsync()
    {
        var first = await NextLineAsync(_output);
        var match = ListeningLine().Match(first);
        Assert.True(match.Success, $"Unexpected first line: {first}\n{Transcript}");
        return int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits for a line of standard output containing <paramref name="text"/>.</summary>
    public Task<string> WaitForOutputAsync(string text) => WaitForAsync(_output, text);

    /// <summary>Waits for a line of standard error containing <paramref name="text"/>.</summary>
    public Task<string> WaitForErrorAsync(string text) => WaitForAsync(_error, text);

    /// <summary>Waits for the process to exit and both streams to be read to their end.</summary>
    /// <returns>The exit code, and every line of standard output and of standard error.</returns>
    public async Task<(int ExitCode, List<string> Output, List<string> Error)> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TestServer.Timeout);
        var output = await ReadRestAsync(_output);
        var error = await ReadRestAsync(_error);
        return (_process.ExitCode, output, error);
    }

    /// <summary>Sends a POSIX signal (2 for SIGINT, 15 for SIGTERM), as Ctrl+C or a service manager would.</summary>
    public void Signal(int signal) =>
        Assert.True(Kill(Id, signal) == 0, $"kill({Id}, {signal}) failed with error {Marshal.GetLastPInvokeError()}.");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TestServer.Timeout);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [GeneratedRegex(@"^ChatRoom server \S+ listening on (\S+):(\d+)$")]
    private static partial Regex ListeningLine();

    private static async Task<string> NextLineAsync(Channel<string> lines)
    {
        using var timeout = new CancellationTokenSource(TestServer.Timeout);
        return await lines.Reader.ReadAsync(timeout.Token);
    }

    private static async Task<List<string>> ReadRestAsync(Channel<string> lines)
    {
        using var timeout = new CancellationTokenSource(TestServer.Timeout);
        var rest = new List<string>();
        await foreach (var line in lines.Reader.ReadAllAsync(timeout.Token))
        {
            rest.Add(line);
        }

        return rest;
    }

    private async Task<string> WaitForAsync(Channel<string> lines, string text)
    {
        try
        {
            while (true)
            {
                var line = await NextLineAsync(lines);
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"The server never wrote \"{text}\".\n{Transcript}", ex);
        }
    }

    private void Receive(Channel<string> lines, string stream, string? line)
    {
        if (line is null)
        {
            lines.Writer.TryComplete();
            return;
        }

        _transcript.Enqueue($"[{stream}] {line}");
        lines.Writer.TryWrite(line);
    }
}
