using System.Globalization;
using Chat.LoadTest.Reporting;
using Chat.LoadTest.Rooms;
using Chat.LoadTest.Running;

namespace Chat.LoadTest.Scenarios;

/// <summary>The rooms scenario's counts and final checks.</summary>
internal sealed partial class RoomsScenario
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Adds up what the receivers counted: the room lines as the report's main figures, the
    /// default room's beside them, and what a line and a delivery cost the server in each.
    /// </summary>
    private static void Count(RunReport report, RoomFleet fleet, RoomPhase phase, long roomLinesSent, LobbyResult? lobby)
    {
        var plan = phase.Plan;
        var checkers = fleet.Clients.Select(c => c?.Checker).ToList();
        report.LinesSent = roomLinesSent;
        report.DeliveriesExpected = plan.RoomDeliveries;
        report.DeliveriesReceived = checkers.Sum(c => c?.RoomLinesReceived ?? 0);
        report.Latency = phase.RoomLatencies.Snapshot();
        var lobbyExpected = lobby is null ? 0 : plan.LobbyDeliveries;
        var lobbyReceived = checkers.Sum(c => c?.LobbyLinesReceived ?? 0);
        report.Loss = Math.Max(0, report.DeliveriesExpected - report.DeliveriesReceived) + Math.Max(0, lobbyExpected - lobbyReceived);

        if (report.ServerCpuSeconds is { } roomCpu && roomLinesSent > 0)
        {
            report.Extra.Add(new Figure("server/room line", roomCpu * 1e6 / roomLinesSent, FigureUnit.Microseconds));
            if (report.DeliveriesReceived > 0)
            {
                report.Extra.Add(new Figure("server/room delivery", roomCpu * 1e6 / report.DeliveriesReceived, FigureUnit.Microseconds));
            }
        }

        if (lobby is null)
        {
            return;
        }

        var latency = phase.LobbyLatencies.Snapshot();
        report.Notes.Add(string.Create(Invariant,
            $"default room: {lobby.LinesSent:N0} lines, {lobbyReceived:N0} of {lobbyExpected:N0} deliveries in {lobby.Seconds:0.000} s"));
        if (lobby.Seconds > 0)
        {
            report.Extra.Add(new Figure("lobby deliveries/s", lobbyReceived / lobby.Seconds, FigureUnit.PerSecond));
        }

        if (latency.Count > 0)
        {
            report.Extra.Add(new Figure("lobby latency p50", latency.Percentile(50) / 1000.0, FigureUnit.Milliseconds));
            report.Extra.Add(new Figure("lobby latency p99", latency.Percentile(99) / 1000.0, FigureUnit.Milliseconds));
        }

        if (lobby.ServerCpuSeconds is { } lobbyCpu && lobby.LinesSent > 0)
        {
            var perLine = lobbyCpu * 1e6 / lobby.LinesSent;
            report.Extra.Add(new Figure("server/lobby line", perLine, FigureUnit.Microseconds));
            if (lobbyReceived > 0)
            {
                report.Extra.Add(new Figure("server/lobby delivery", lobbyCpu * 1e6 / lobbyReceived, FigureUnit.Microseconds));
            }

            if (report.Extra.Find(f => f.Name == "server/room line") is { Value: > 0 } perRoomLine)
            {
                report.Extra.Add(new Figure("lobby/room line cost", perLine / perRoomLine.Value, FigureUnit.Ratio));
                if (LineCost.FromTwoRooms(perRoomLine.Value, plan.Layout.RoomSize, perLine, plan.Layout.Clients) is { } cost)
                {
                    report.Extra.Add(new Figure("server/line, fixed", cost.PerLine, FigureUnit.Microseconds));
                    report.Extra.Add(new Figure("server/line, member", cost.PerMember, FigureUnit.Microseconds));
                }
            }
        }
    }

    /// <summary>The checks every rooms run ends with: presence in both rooms, what reached whom, and what went wrong along the way.</summary>
    private void Finish(RunEnvironment environment, RunReport report, RoomFleet fleet)
    {
        var target = fleet.Presence.Target;
        var hearing = fleet.Clients.Where(c => c is not null && c.HearsPresence).ToList();
        report.PresenceTarget = target;
        report.PresenceClients = hearing.Count;
        report.PresenceWrong = hearing.Count(c => !c!.SeesEveryone(target));
        report.PresenceCheck = $"each also sees exactly the {roomSize:N0} members of its room, by name";
        if (report.PresenceWrong > 0)
        {
            report.Failure ??= "presence is wrong: not every client sees exactly the users of its rooms";
        }

        report.ServerPeakRssBytes = environment.Server.ReadStats()?.PeakRssBytes;
        report.GeneratorPeakRssBytes = Server.ProcessStats.TryRead(Environment.ProcessId)?.PeakRssBytes;

        var rooms = fleet.RoomProblems;
        report.Misdelivered = rooms.Misdelivered + rooms.ForeignPresence;
        report.OutOfOrder = rooms.Disordered;
        Describe(report, rooms, LineVerdict.NotAMember, "lines of a room the client is not in reached it");
        Describe(report, rooms, LineVerdict.WrongRoom, "lines arrived in another room than the one they were posted to");
        Describe(report, rooms, LineVerdict.OutOfOrder, "lines arrived with an id not above the room's previous line");
        Describe(report, rooms, LineVerdict.Gap, "lines arrived with ids skipped after the room's previous line");
        Describe(report, rooms, LineVerdict.IdMismatch, "lines arrived with another id than other members saw");
        Describe(report, rooms, LineVerdict.Duplicate, "lines arrived twice");
        if (rooms.Count(LineVerdict.Duplicate) > 0)
        {
            report.Failure ??= "lines were delivered twice";
        }

        if (rooms.ForeignPresence > 0)
        {
            report.Notes.Add($"{rooms.ForeignPresence:N0} presence notices of rooms the client is not in reached it; the first: {rooms.FirstForeignPresence}");
        }

        RunSteps.ReportProblems(report, fleet.Problems);
    }

    private static void Describe(RunReport report, RoomProblems problems, LineVerdict verdict, string what)
    {
        if (problems.Count(verdict) is > 0 and var count)
        {
            report.Notes.Add($"{count:N0} {what}; the first: {problems.First(verdict)}");
        }
    }
}
