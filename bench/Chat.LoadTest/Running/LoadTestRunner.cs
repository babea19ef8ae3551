using Chat.LoadTest.Reporting;
using Chat.LoadTest.Scenarios;
using Chat.LoadTest.Server;

namespace Chat.LoadTest.Running;

/// <summary>
/// Runs a scenario <see cref="CommonSettings.Runs"/> times, each against a server of its own
/// (or the running one), prints each run's report and the medians, and turns the outcome into
/// the exit code.
/// </summary>
internal static class LoadTestRunner
{
    /// <summary>Every run passed.</summary>
    public const int Passed = 0;

    /// <summary>A run lost deliveries, timed out or failed.</summary>
    public const int Failed = 1;

    /// <summary>The load test could not be carried out (no server to start, bad settings).</summary>
    public const int CannotRun = 2;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Interrupted = 130;

    public static async Task<int> RunAsync(IScenario scenario, CommonSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var reports = new List<RunReport>();
        var tags = new HashSet<int>();
        try
        {
            for (var run = 1; run <= settings.Runs; run++)
            {
                var tag = NewTag(tags);
                var report = await RunOnceAsync(scenario, settings, tag, cancellationToken);
                report.Run = run;
                report.Runs = settings.Runs;
                reports.Add(report);
                ReportPrinter.Print(output, report);
                await output.FlushAsync(cancellationToken);

                // Let the garbage of this run's clients go before the next run starts.
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        catch (LoadTestException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return CannotRun;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Interrupted; the server and every client were stopped.");
            return Interrupted;
        }

        ReportPrinter.PrintMedians(output, reports);
        return reports.TrueForAll(r => r.Passed) ? Passed : Failed;
    }

    private static async Task<RunReport> RunOnceAsync(IScenario scenario, CommonSettings settings, int tag, CancellationToken cancellationToken)
    {
        using var tls = settings.Tls && settings.StartsServer ? await TlsSetup.MakeAsync(settings.ServerDll, cancellationToken) : null;
        using var data = settings.StartsServer ? DataFolderSetup.For(settings.ServerArguments) : null;
        ServerTarget server = settings.StartsServer
            ? await ServerProcess.StartAsync(
                settings.ServerDll, [.. settings.ServerArguments, .. data?.ServerArguments ?? [], .. tls?.ServerArguments ?? []], cancellationToken)
            : new RunningServer(settings.Host, settings.Port!.Value, settings.ServerPid);
        var loadAverage = MachineStats.LoadAverage();
        RunReport report;
        await using (var environment = new RunEnvironment(server, settings, tag, cancellationToken, tls?.ClientOptions))
        {
            report = await scenario.RunAsync(environment);
            report.Server = server.Description + (tls is null ? string.Empty : $", TLS (certificate {tls.Fingerprint[..11]}…)");
            report.LoadAverageAtStart = loadAverage;
        }

        if (server is ServerProcess process && process.ExitCode is not 0)
        {
            report.Notes.Add(process.ExitCode is { } code
                ? $"the server exited with code {code} after `close`; its last output:\n{process.OutputTail}"
                : "the server had to be killed");
        }

        return report;
    }

    private static int NewTag(HashSet<int> used)
    {
        while (true)
        {
            var tag = Random.Shared.Next(1000, Measurement.LineText.MaxTag + 1);
            if (used.Add(tag))
            {
                return tag;
            }
        }
    }
}
