using System.Diagnostics;
using Chat.LoadTest.Clients;
using Chat.LoadTest.Reporting;
using Chat.LoadTest.Running;
using Chat.Protocol;

namespace Chat.LoadTest.Scenarios;

/// <summary>
/// Room fan-out at full speed: <see cref="Senders"/> of <see cref="Clients"/> clients each send
/// <see cref="LinesPerSender"/> lines as fast as the server takes them, each with at most
/// <see cref="Window"/> of its lines in flight (sent, not yet back to itself).
/// </summary>
internal sealed class FanoutScenario(int clients, int senders, int linesPerSender, int window, int warmupLines) : IScenario
{
    public string Name => "fanout";

    public int Clients => clients;

    public int Senders => senders;

    public int LinesPerSender => linesPerSender;

    public int Window => window;

    public async Task<RunReport> RunAsync(RunEnvironment environment)
    {
        var textLength = environment.Settings.TextLength;
        var report = new RunReport
        {
            Scenario = Name,
            Workload = $"{clients:N0} clients; {senders:N0} senders × {linesPerSender:N0} lines of {textLength} bytes, "
                + $"as fast as allowed with at most {window} lines in flight per sender",
            ElapsedMeaning = "first send to last receipt",
        };

        var lines = new LinePhase(environment.Tag, senders, linesPerSender, clients, window);
        var texts = WindowedSending.Texts(lines, textLength);
        var setup = PhaseMeter.Start(environment.Server);
        var fleet = await RunSteps.JoinAsync(environment, report, clients);
        if (fleet is null)
        {
            return report;
        }

        var ready = await RunSteps.WaitForPresenceAsync(environment, report, fleet, setup.StartedAt)
            && await Warmup.RunAsync(environment, report, fleet, senders, warmupLines);
        setup.StopSetupInto(report);
        if (!ready)
        {
            RunSteps.Finish(environment, report, fleet);
            return report;
        }

        fleet.UseLines(lines);
        var phase = PhaseMeter.Start(environment.Server);
        var sent = new long[senders];
        var sending = WindowedSending.StartAsync(fleet, lines, texts, sent, environment.Stop);
        var done = await RunSteps.WaitAsync(environment, report, lines.AllReceived.Completion, "waiting for every delivery");
        var endedAt = done ? lines.AllReceived.CompletedAt : Stopwatch.GetTimestamp();
        phase.StopInto(report);

        await ObserveSendersAsync(report, sending);
        report.ElapsedSeconds = Stopwatch.GetElapsedTime(phase.StartedAt, endedAt).TotalSeconds;
        RunSteps.CountDeliveries(report, fleet, lines, sent.Sum());
        RunSteps.Finish(environment, report, fleet);
        return report;
    }

    /// <summary>Waits for the senders to stop and reports the first one that failed.</summary>
    internal static async Task ObserveSendersAsync(RunReport report, Task sending)
    {
        try
        {
            await sending;
        }
        catch (OperationCanceledException)
        {
            // The deadline passed; the report says so already.
        }
        catch (ChatException ex)
        {
            report.Notes.Add($"a sender failed: {ex.Message}");
            report.Failure ??= "a sender failed";
        }
    }
}
