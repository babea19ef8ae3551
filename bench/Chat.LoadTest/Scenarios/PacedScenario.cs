using System.Diagnostics;
using Chat.LoadTest.Clients;
using Chat.LoadTest.Measurement;
using Chat.LoadTest.Reporting;
using Chat.LoadTest.Running;

namespace Chat.LoadTest.Scenarios;

/// <summary>
/// A busy room at a steady pace: <see cref="Senders"/> of <see cref="Clients"/> clients each
/// send <see cref="Rate"/> lines per second for <see cref="Duration"/>, on a fixed schedule
/// that does not wait for answers (open loop), spread evenly between the senders.
/// </summary>
internal sealed class PacedScenario(int clients, int senders, double rate, TimeSpan duration, int warmupLines) : IScenario
{
    public string Name => "paced";

    public int Clients => clients;

    public int Senders => senders;

    public double Rate => rate;

    public TimeSpan Duration => duration;

    public int LinesPerSender => Math.Max(1, (int)Math.Round(rate * duration.TotalSeconds));

    public async Task<RunReport> RunAsync(RunEnvironment environment)
    {
        var textLength = environment.Settings.TextLength;
        var report = new RunReport
        {
            Scenario = Name,
            Workload = $"{clients:N0} clients; {senders:N0} senders × {rate:0.##} lines/s for {duration.TotalSeconds:0.#} s "
                + $"({LinesPerSender:N0} lines each) of {textLength} bytes",
            ElapsedMeaning = "first send to last receipt",
        };

        var lines = new LinePhase(environment.Tag, senders, LinesPerSender, clients, window: 0);
        var fleet = await RunSteps.JoinAndWarmUpAsync(environment, report, clients, senders, warmupLines);
        if (fleet is null)
        {
            return report;
        }

        var lag = new long[senders];
        var sent = await RunSteps.MeasureLinesAsync(environment, report, fleet, lines, (startedAt, counts) => Task.WhenAll(
            Enumerable.Range(0, senders).Select(s => Task.Run(
                () => SendAsync(fleet.Clients[s]!, s, lines, startedAt, textLength, counts, lag, environment.Stop)))));
        var maxLag = TimeSpan.FromSeconds(lag.Max() / (double)Stopwatch.Frequency);
        report.Notes.Add($"senders fell at most {maxLag.TotalMilliseconds:0.0} ms behind their schedule"
            + (maxLag.TotalSeconds * rate > 1 ? " (more than one interval: the generator or its sends were the bottleneck)" : ""));
        RunSteps.CountDeliveries(report, fleet, lines, sent);
        RunSteps.Finish(environment, report, fleet);
        return report;
    }

    private async Task SendAsync(
        LoadClient client, int sender, LinePhase lines, long start, int textLength, long[] sent, long[] lag, CancellationToken cancellationToken)
    {
        var interval = Stopwatch.Frequency / rate;
        var offset = interval * sender / senders;
        var first = sender * lines.LinesPerSender;
        for (var i = 0; i < lines.LinesPerSender; i++)
        {
            var due = start + (long)(offset + (i * interval));
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancellationToken);
            }

            lag[sender] = Math.Max(lag[sender], Stopwatch.GetTimestamp() - due);
            var sequence = first + i;
            await RunSteps.SendLineAsync(client, lines, sequence, LineText.Format(lines.Tag, sequence, textLength), cancellationToken);
            sent[sender] = i + 1;
        }
    }
}
