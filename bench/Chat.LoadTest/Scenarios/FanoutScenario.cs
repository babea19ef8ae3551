using Chat.LoadTest.Clients;
using Chat.LoadTest.Reporting;
using Chat.LoadTest.Running;

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
        var fleet = await RunSteps.JoinAndWarmUpAsync(environment, report, clients, senders, warmupLines);
        if (fleet is null)
        {
            return report;
        }

        var sent = await RunSteps.MeasureLinesAsync(
            environment, report, fleet, lines, (_, counts) => WindowedSending.StartAsync(fleet, lines, texts, counts, environment.Stop));
        RunSteps.CountDeliveries(report, fleet, lines, sent);
        RunSteps.Finish(environment, report, fleet);
        return report;
    }
}
