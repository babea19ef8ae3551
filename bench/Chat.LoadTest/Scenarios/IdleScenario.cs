using System.Diagnostics;
using System.Globalization;
using Chat.LoadTest.Clients;
using Chat.LoadTest.Measurement;
using Chat.LoadTest.Reporting;
using Chat.LoadTest.Running;
using Chat.LoadTest.Server;

namespace Chat.LoadTest.Scenarios;

/// <summary>
/// Idle capacity: <see cref="Clients"/> clients join and sit idle; the server's memory per
/// connection is measured; then client 0 posts one line, which must reach every client.
/// </summary>
internal sealed class IdleScenario(int clients) : IScenario
{
    public string Name => "idle";

    public int Clients => clients;

    public async Task<RunReport> RunAsync(RunEnvironment environment)
    {
        var report = new RunReport
        {
            Scenario = Name,
            Workload = $"{clients:N0} clients join and idle, then client 0 posts one line of {environment.Settings.TextLength} bytes",
            ElapsedMeaning = "the send to the last receipt",
        };

        var lines = new LinePhase(environment.Tag, senders: 1, linesPerSender: 1, clients, window: 0);
        ProcessStats? baseline = null;
        var setup = PhaseMeter.Start(environment.Server);
        var fleet = await RunSteps.JoinAsync(environment, report, clients, () =>
        {
            baseline = environment.Server.ReadStats();
            return Task.CompletedTask;
        });
        if (fleet is null)
        {
            return report;
        }

        var ready = await RunSteps.WaitForPresenceAsync(environment, report, fleet, setup.StartedAt);
        var setupResult = setup.StopSetupInto(report);
        if (!ready)
        {
            RunSteps.Finish(environment, report, fleet);
            return report;
        }

        MeasureMemory(report, baseline, setupResult.ServerAtEnd);

        var text = LineText.Format(environment.Tag, 0, environment.Settings.TextLength);
        fleet.UseLines(lines);
        var phase = PhaseMeter.Start(environment.Server);
        long sent = 0;
        try
        {
            await RunSteps.SendLineAsync(fleet.Clients[0]!, lines, 0, text, environment.Stop);
            sent = 1;
        }
        catch (Protocol.ChatException ex)
        {
            report.Failure = $"client 0 could not post its line: {ex.Message}";
        }

        var done = sent == 1 && await RunSteps.WaitAsync(environment, report, lines.AllReceived.Completion, "waiting for every client to receive the line");
        var endedAt = done ? lines.AllReceived.CompletedAt : Stopwatch.GetTimestamp();
        phase.StopInto(report);
        report.ElapsedSeconds = Stopwatch.GetElapsedTime(lines.Stamps.SentAt(0) is > 0 and var at ? at : phase.StartedAt, endedAt).TotalSeconds;
        RunSteps.CountDeliveries(report, fleet, lines, sent);
        RunSteps.Finish(environment, report, fleet);
        return report;
    }

    private void MeasureMemory(RunReport report, ProcessStats? before, ProcessStats? after)
    {
        if (before is null || after is null || clients < 2)
        {
            return;
        }

        var added = after.RssBytes - before.RssBytes;
        report.ServerBytesPerConnection = added / (double)(clients - 1);
        report.ServerMemoryDetail = string.Create(CultureInfo.InvariantCulture,
            $"RSS {before.RssBytes / 1048576.0:0.0} MiB with 1 client, {after.RssBytes / 1048576.0:0.0} MiB with {clients:N0}: "
            + $"{report.ServerBytesPerConnection / 1024:0.0} KiB per connection");
    }
}
