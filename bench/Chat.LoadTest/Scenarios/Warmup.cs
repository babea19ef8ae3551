using Chat.LoadTest.Clients;
using Chat.LoadTest.Reporting;
using Chat.LoadTest.Running;

namespace Chat.LoadTest.Scenarios;

/// <summary>
/// A short burst before the measured phase, so that the server (started fresh for each run)
/// and this program run compiled, optimised code when the clock starts. Its lines carry a tag
/// of their own and are not counted.
/// </summary>
internal static class Warmup
{
    private const int Window = 8;

    /// <summary>Every one of <paramref name="senders"/> sends <paramref name="linesPerSender"/> lines; waits until all clients have them.</summary>
    public static async Task<bool> RunAsync(
        RunEnvironment environment, RunReport report, ClientFleet fleet, int senders, int linesPerSender)
    {
        if (linesPerSender <= 0)
        {
            return true;
        }

        var lines = new LinePhase(environment.WarmupTag, senders, linesPerSender, fleet.Requested, Window);
        var texts = WindowedSending.Texts(lines, environment.Settings.TextLength);
        fleet.UseLines(lines);
        var sending = WindowedSending.StartAsync(fleet, lines, texts, new long[senders], environment.Stop);
        var done = await RunSteps.WaitAsync(environment, report, lines.AllReceived.Completion, "warming up");
        await RunSteps.ObserveSendersAsync(report, sending);
        if (!done)
        {
            report.Failure += $" ({lines.AllReceived.Remaining:N0} clients were missing warm-up lines)";
        }

        report.Notes.Add($"warm-up before the clock: {senders:N0} senders × {linesPerSender:N0} lines, not counted");
        return done && report.Failure is null;
    }
}
