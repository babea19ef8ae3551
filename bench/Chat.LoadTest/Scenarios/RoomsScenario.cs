using System.Diagnostics;
using System.Globalization;
using Chat.LoadTest.Reporting;
using Chat.LoadTest.Rooms;
using Chat.LoadTest.Running;

namespace Chat.LoadTest.Scenarios;

/// <summary>
/// Many rooms (issue 14): <see cref="Rooms"/> rooms of <see cref="RoomSize"/> clients, every
/// client also in the default room, speaking protocol version 2 on the connection-level API.
/// First each room gets <see cref="Rate"/> lines per second for <see cref="Duration"/>, posted by
/// its members in turn (the measured phase); then the default room gets <see cref="LobbyLines"/>
/// lines at <see cref="LobbyRate"/>. Checks that every member receives every line of its rooms,
/// once, in the room's order, and nothing of the rooms it is not in; reports what a line costs the
/// server in a room of <see cref="RoomSize"/> against one in the default room, where everyone is.
/// </summary>
internal sealed partial class RoomsScenario(
    int rooms, int roomSize, double rate, TimeSpan duration, int lobbyLines, double lobbyRate, int warmupLines) : IScenario
{
    /// <summary>How fast the warm-up posts, in lines per second in each room and in the default room.</summary>
    private const double WarmupRate = 50;

    public string Name => "rooms";

    public int Rooms => rooms;

    public int RoomSize => roomSize;

    public int Clients => rooms * roomSize;

    public double Rate => rate;

    public TimeSpan Duration => duration;

    public int LinesPerRoom => Math.Max(1, (int)Math.Round(rate * duration.TotalSeconds));

    public int LobbyLines => lobbyLines;

    public double LobbyRate => lobbyRate;

    public int WarmupLines => warmupLines;

    public async Task<RunReport> RunAsync(RunEnvironment environment)
    {
        var textLength = environment.Settings.TextLength;
        var report = new RunReport
        {
            Scenario = Name,
            Workload = string.Create(CultureInfo.InvariantCulture,
                $"{Clients:N0} clients in {rooms:N0} rooms of {roomSize:N0}, all also in the default room (protocol version 2); "
                + $"each room gets {rate:0.##} lines/s for {duration.TotalSeconds:0.#} s ({LinesPerRoom:N0} lines, from its members in turn), "
                + $"then the default room {lobbyLines:N0} lines at {lobbyRate:0.##}/s; {textLength} bytes each"),
            ElapsedMeaning = "the room lines: first send to last receipt",
            LossMeaning = "deliveries expected but not received (room lines and default-room lines)",
            ClientsRequested = Clients,
        };

        var layout = new RoomLayout(environment.Tag, rooms, roomSize);
        var fleet = await JoinAndWarmUpAsync(environment, report, layout);
        if (fleet is null)
        {
            return report;
        }

        var phase = new RoomPhase(environment.Tag, new RoomLinePlan(layout, LinesPerRoom, lobbyLines));
        fleet.Use(phase);
        var roomLines = await MeasureRoomLinesAsync(environment, report, fleet, phase, textLength);
        var lobby = lobbyLines > 0 && report.Failure is null
            ? await MeasureLobbyLinesAsync(environment, report, fleet, phase, textLength)
            : null;
        Count(report, fleet, phase, roomLines, lobby);
        Finish(environment, report, fleet);
        return report;
    }

    /// <summary>
    /// Connects every client and joins it to its room, waits until every client that receives
    /// presence sees everyone in both its rooms, and warms up; the setup's CPU goes into the report.
    /// Returns <see langword="null"/> when a step failed (the report says why).
    /// </summary>
    private async Task<RoomFleet?> JoinAndWarmUpAsync(RunEnvironment environment, RunReport report, RoomLayout layout)
    {
        var setup = PhaseMeter.Start(environment.Server);
        var settings = new RoomClientSettings(
            environment.Server.Host,
            environment.Server.Port,
            environment.ClientOptions.Connection,
            environment.ClientOptions.ClientName,
            environment.ClientOptions.ClientVersion,
            environment.Settings.ConnectConcurrency,
            environment.Settings.PresenceSample,
            environment.Settings.PresenceForAll);
        var fleet = await RoomFleet.ConnectAsync(settings, layout, environment.Stop);
        environment.Own(fleet);
        if (environment.UserCancelled)
        {
            throw new OperationCanceledException("Interrupted while the clients were joining.", environment.Stop);
        }

        report.ClientsConnected = fleet.Connected;
        if (fleet.Failures > 0 || fleet.Connected < layout.Clients)
        {
            report.Failure = fleet.Failures > 0
                ? $"{fleet.Connected:N0} of {layout.Clients:N0} clients joined their rooms; {fleet.FirstFailure}"
                : $"the deadline ({environment.Settings.Timeout.TotalSeconds:0} s) passed while the clients were joining";
            return null;
        }

        report.JoinSeconds = Stopwatch.GetElapsedTime(setup.StartedAt, fleet.LastJoinedAt).TotalSeconds;
        report.PresenceTarget = fleet.Presence.Target;
        var ready = await RunSteps.WaitAsync(environment, report, fleet.Presence.Complete.Completion, "waiting for every client to see everyone in its rooms");
        if (ready)
        {
            report.PresenceSeconds = Stopwatch.GetElapsedTime(setup.StartedAt, fleet.Presence.Complete.CompletedAt).TotalSeconds;
            ready = await WarmUpAsync(environment, report, fleet, layout);
        }
        else
        {
            report.Failure += $" ({fleet.Presence.Complete.Remaining:N0} clients did not see everyone)";
        }

        setup.StopSetupInto(report);
        if (!ready)
        {
            Finish(environment, report, fleet);
            return null;
        }

        return fleet;
    }

    /// <summary>A few lines in every room and in the default room before the clock starts, with a tag of their own; checked, not counted.</summary>
    private async Task<bool> WarmUpAsync(RunEnvironment environment, RunReport report, RoomFleet fleet, RoomLayout layout)
    {
        if (warmupLines <= 0)
        {
            return true;
        }

        var phase = new RoomPhase(environment.WarmupTag, new RoomLinePlan(layout, warmupLines, warmupLines));
        fleet.Use(phase);
        var textLength = environment.Settings.TextLength;
        var sending = Task.WhenAll(
            RoomSending.SendRoomLinesAsync(fleet, phase, WarmupRate, textLength, Stopwatch.GetTimestamp(), new long[layout.Rooms], new long[layout.Rooms], environment.Stop),
            RoomSending.SendLobbyLinesAsync(fleet, phase, WarmupRate, textLength, Stopwatch.GetTimestamp(), environment.Stop));
        var done = await RunSteps.WaitAsync(
            environment, report, Task.WhenAll(phase.RoomLinesDone.Completion, phase.LobbyLinesDone.Completion), "warming up");
        await RunSteps.ObserveSendersAsync(report, sending);
        if (!done)
        {
            report.Failure += $" ({Math.Max(phase.RoomLinesDone.Remaining, phase.LobbyLinesDone.Remaining):N0} clients were missing warm-up lines)";
        }

        report.Notes.Add($"warm-up before the clock: {warmupLines:N0} lines in every room and {warmupLines:N0} in the default room, checked, not counted");
        return done && report.Failure is null;
    }

    /// <summary>The measured phase: every room's lines, paced; until every member has every line of its room, or the deadline.</summary>
    private async Task<long> MeasureRoomLinesAsync(RunEnvironment environment, RunReport report, RoomFleet fleet, RoomPhase phase, int textLength)
    {
        var meter = PhaseMeter.Start(environment.Server);
        var sent = new long[rooms];
        var lag = new long[rooms];
        var sending = RoomSending.SendRoomLinesAsync(fleet, phase, rate, textLength, meter.StartedAt, sent, lag, environment.Stop);
        var done = await RunSteps.WaitAsync(environment, report, phase.RoomLinesDone.Completion, "waiting for every room line");
        var endedAt = done ? phase.RoomLinesDone.CompletedAt : Stopwatch.GetTimestamp();
        meter.StopInto(report);
        await RunSteps.ObserveSendersAsync(report, sending);
        report.ElapsedSeconds = Stopwatch.GetElapsedTime(meter.StartedAt, endedAt).TotalSeconds;
        var maxLag = TimeSpan.FromSeconds(lag.Max() / (double)Stopwatch.Frequency);
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"room senders fell at most {maxLag.TotalMilliseconds:0.0} ms behind their schedule")
            + (maxLag.TotalSeconds * rate > 1 ? " (more than one interval: the generator or its sends were the bottleneck)" : ""));
        return sent.Sum();
    }

    /// <summary>The default room's lines, paced, measured on their own; until every client has them all, or the deadline.</summary>
    private async Task<LobbyResult> MeasureLobbyLinesAsync(RunEnvironment environment, RunReport report, RoomFleet fleet, RoomPhase phase, int textLength)
    {
        var meter = PhaseMeter.Start(environment.Server);
        var sending = RoomSending.SendLobbyLinesAsync(fleet, phase, lobbyRate, textLength, meter.StartedAt, environment.Stop);
        var done = await RunSteps.WaitAsync(environment, report, phase.LobbyLinesDone.Completion, "waiting for every default-room line");
        var endedAt = done ? phase.LobbyLinesDone.CompletedAt : Stopwatch.GetTimestamp();
        var measured = meter.Stop();
        long sent = 0;
        try
        {
            sent = await sending;
        }
        catch (OperationCanceledException)
        {
            // The deadline passed; the report says so already.
        }
        catch (Protocol.ChatException ex)
        {
            report.Notes.Add($"a default-room sender failed: {ex.Message}");
            report.Failure ??= "a sender failed";
        }

        return new LobbyResult(sent, Stopwatch.GetElapsedTime(meter.StartedAt, endedAt).TotalSeconds, measured.ServerCpuSeconds);
    }

    /// <summary>What the default room's phase measured.</summary>
    private sealed record LobbyResult(long LinesSent, double Seconds, double? ServerCpuSeconds);
}
