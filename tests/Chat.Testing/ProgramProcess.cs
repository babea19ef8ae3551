using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Chat.Shared;

namespace Chat.Testing;

/// <summary>
/// A built .NET program (the server or a sample) running as a process of its own, with its
/// standard streams in the test's hands. Disposing kills it if it is still running.
/// </summary>
public sealed partial class ProgramProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly Channel<string> _output = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _error = Channel.CreateUnbounded<string>();
    private readonly ConcurrentQueue<string> _outputLines = new();
    private readonly ConcurrentQueue<string> _errorLines = new();
    private readonly ConcurrentQueue<string> _transcript = new();
    private readonly TaskCompletionSource _outputEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private ProgramProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line written to standard output so far, in order.</summary>
    public IReadOnlyList<string> OutputLines => [.. _outputLines];

    /// <summary>Every line written to standard error so far, in order.</summary>
    public IReadOnlyList<string> ErrorLines => [.. _errorLines];

    /// <summary>The exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far, both streams, for a failing test's message.</summary>
    public string Transcript => $"--- {_name} ---{Environment.NewLine}{string.Join(Environment.NewLine, _transcript)}";

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c>.</summary>
    public static ProgramProcess Start(string dll, params string[] args) => Start(dll, new Dictionary<string, string?>(), args);

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c> with more environment variables.</summary>
    /// <param name="dll">The program.</param>
    /// <param name="environment">Variables set for it (a null value removes one).</param>
    /// <param name="args">Its arguments.</param>
    public static ProgramProcess Start(string dll, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        Assert.True(File.Exists(dll), $"{dll} was not built; the test project's references build it.");
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var program = new ProgramProcess(process, $"{Path.GetFileNameWithoutExtension(dll)} {string.Join(' ', args)}");
        process.OutputDataReceived += (_, e) => program.Receive(program._output, program._outputEnded, "out", e.Data);
        process.ErrorDataReceived += (_, e) => program.Receive(program._error, program._errorEnded, "err", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return program;
    }

    /// <summary>Writes lines to the program's standard input.</summary>
    public async Task WriteLinesAsync(params string[] lines)
    {
        foreach (var line in lines)
        {
            await _process.StandardInput.WriteAsync(line + "\n").WithTimeout();
        }

        await _process.StandardInput.FlushAsync().WithTimeout();
    }

    /// <summary>Ends the program's standard input, as the end of a pipe does.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits for the next line of standard output that matches.</summary>
    public Task<string> WaitForOutputAsync(Func<string, bool> match, string what) => WaitForAsync(_output, match, what);

    /// <summary>Waits for the next line of standard output that contains <paramref name="text"/>.</summary>
    public Task<string> WaitForOutputAsync(string text) =>
        WaitForAsync(_output, line => line.Contains(text, StringComparison.Ordinal), $"a line of output containing \"{text}\"");

    /// <summary>Waits for the next line of standard error that contains <paramref name="text"/>.</summary>
    public Task<string> WaitForErrorAsync(string text) =>
        WaitForAsync(_error, line => line.Contains(text, StringComparison.Ordinal), $"a line on standard error containing \"{text}\"");

    /// <summary>Waits for the next line of standard error that matches.</summary>
    public Task<string> WaitForErrorAsync(Func<string, bool> match, string what, CancellationToken cancellationToken = default) =>
        WaitForAsync(_error, match, what, cancellationToken);

    /// <summary>Waits for the process to exit and both of its streams to be read to their end.</summary>
    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WithTimeout();
            await Task.WhenAll(_outputEnded.Task, _errorEnded.Task).WithTimeout();
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"The program did not exit.{Environment.NewLine}{Transcript}", ex);
        }

        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal: 2 for SIGINT (Ctrl+C), 15 for SIGTERM.</summary>
    public void Signal(int signal) =>
        Assert.True(Kill(Id, signal) == 0, $"kill({Id}, {signal}) failed with error {Marshal.GetLastPInvokeError()}.");

    /// <summary>Kills the process at once, as a crash or <c>kill -9</c> would, and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WithTimeout();
    }

    /// <summary>Kills the process if it is still running. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private async Task<string> WaitForAsync(
        Channel<string> lines, Func<string, bool> match, string what, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TestTimeout.Value);
        try
        {
            while (true)
            {
                var line = await lines.Reader.ReadAsync(timeout.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException && !cancellationToken.IsCancellationRequested)
        {
            var why = ex is ChannelClosedException ? "the stream ended" : $"{TestTimeout.Value.TotalSeconds} s passed";
            throw new TimeoutException($"Waited for {what}, but {why}.{Environment.NewLine}{Transcript}", ex);
        }
    }

    private void Receive(Channel<string> lines, TaskCompletionSource ended, string stream, string? line)
    {
        if (line is null)
        {
            lines.Writer.TryComplete();
            ended.TrySetResult();
            return;
        }

        _transcript.Enqueue($"[{stream}] {line}");
        (stream == "out" ? _outputLines : _errorLines).Enqueue(line);

        lines.Writer.TryWrite(line);
    }
}
