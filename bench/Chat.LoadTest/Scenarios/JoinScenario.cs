using Chat.LoadTest.Reporting;
using Chat.LoadTest.Running;

namespace Chat.LoadTest.Scenarios;

/// <summary>
/// A crowd arrives: <see cref="Clients"/> clients join the room, <c>--connect-concurrency</c> at
/// a time. Measures the time until all are welcomed and until every client sees every user.
/// </summary>
internal sealed class JoinScenario(int clients) : IScenario
{
    public string Name => "join";

    public int Clients => clients;

    public async Task<RunReport> RunAsync(RunEnvironment environment)
    {
        var report = new RunReport
        {
            Scenario = Name,
            Workload = $"{clients:N0} clients join, {environment.Settings.ConnectConcurrency} joins at a time",
            ElapsedMeaning = "first connect until every client sees every user",
            LossMeaning = "clients that do not see every user",
        };

        var phase = PhaseMeter.Start(environment.Server);
        var fleet = await RunSteps.JoinAsync(environment, report, clients);
        var complete = fleet is not null && await RunSteps.WaitForPresenceAsync(environment, report, fleet, phase.StartedAt);
        var result = phase.StopInto(report);
        report.ElapsedSeconds = report.PresenceSeconds ?? result.Seconds;
        if (fleet is null)
        {
            return report;
        }

        RunSteps.Finish(environment, report, fleet);
        report.Loss = complete ? report.PresenceWrong : Math.Max(report.PresenceWrong, fleet.Presence.Complete.Remaining);
        return report;
    }
}
