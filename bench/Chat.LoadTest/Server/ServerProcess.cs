using System.Diagnostics;
using Chat.Shared;

namespace Chat.LoadTest.Server;

/// <summary>
/// A Chat.Server this program started on a free loopback port. It is stopped with the
/// operator's <c>close</c> command, or killed if it does not exit in time, and also killed if
/// this program exits while it still runs.
/// </summary>
internal sealed class ServerProcess : ServerTarget
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    // Every client of the load generator connects from loopback: without the exemption, the
    // server's limits per address (16 users, 30 new connections per 10 s) would refuse them.
    private static readonly string[] LoopbackAnyPort = ["--address", "127.0.0.1", "--port", "0", "--exempt", "127.0.0.0/8"];

    private readonly Process _process;
    private readonly OutputTail _output = new(40);
    private readonly EventHandler _killOnExit;
    private readonly int _pid;
    private string _host = "127.0.0.1";
    private int _port;
    private int _disposed;

    private ServerProcess(Process process)
    {
        _process = process;
        _pid = process.Id;
        _killOnExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _killOnExit;
    }

    public override string Host => _host;

    public override int Port => _port;

    public override int? ProcessId => _pid;

    public override bool Owned => true;

    public override string Description => $"started {DllPath} as pid {_pid} on {_host}:{_port}";

    public string DllPath { get; private init; } = "";

    /// <summary>The exit code, once this program has stopped the server.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The last lines the server wrote, for a failure report.</summary>
    public string OutputTail => _output.ToString();

    /// <summary>Starts <paramref name="dllPath"/> with <c>--address 127.0.0.1 --port 0 --exempt 127.0.0.0/8</c> and <paramref name="arguments"/>, and waits for its "listening on" line.</summary>
    public static async Task<ServerProcess> StartAsync(string dllPath, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (!File.Exists(dllPath))
        {
            throw new LoadTestException(
                $"The server is not built: {dllPath} does not exist. Build it with `dotnet build src/Chat.Server -c Release`, or pass --server-dll.");
        }

        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dllPath);
        foreach (var argument in LoopbackAnyPort.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new LoadTestException($"Could not start {dllPath}.");
        var server = new ServerProcess(process) { DllPath = dllPath };
        try
        {
            await server.WaitUntilListeningAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends <c>close</c> and waits for the server to exit; kills it if it does not.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    await _process.StandardInput.WriteLineAsync("close").ConfigureAwait(false);
                    await _process.StandardInput.FlushAsync().ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // It is exiting already.
                }

                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await Console.Error.WriteLineAsync(
                        $"The server did not exit within {StopTimeout.TotalSeconds:0} s of `close`; killing it.").ConfigureAwait(false);
                    Kill();
                }
            }
        }
        finally
        {
            ExitCode = _process.HasExited ? _process.ExitCode : null;
            AppDomain.CurrentDomain.ProcessExit -= _killOnExit;
            _process.Dispose();
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        _ = PumpAsync(_process.StandardError);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                _output.Add(line);
                if (ListeningLine.TryParse(line, out var host, out var port))
                {
                    _host = host;
                    _port = port;
                    _ = PumpAsync(_process.StandardOutput);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LoadTestException(
                $"The server did not report `listening on` within {StartTimeout.TotalSeconds:0} s. Its last output:\n{_output}");
        }

        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        throw new LoadTestException($"The server exited with code {_process.ExitCode} before listening. Its last output:\n{_output}");
    }

    /// <summary>Keeps reading a stream of the server's so that it never blocks on a full pipe.</summary>
    private async Task PumpAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                _output.Add(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The server is gone.
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
