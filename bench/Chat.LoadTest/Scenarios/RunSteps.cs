using System.Diagnostics;
using System.Globalization;
using Chat.LoadTest.Clients;
using Chat.LoadTest.Reporting;
using Chat.LoadTest.Running;
using Chat.Protocol;

namespace Chat.LoadTest.Scenarios;

/// <summary>The steps the scenarios share: joining, waiting for presence, waiting with the run's deadline, and the final checks.</summary>
internal static class RunSteps
{
    /// <summary>
    /// Connects <paramref name="count"/> clients and fills in the report's join figures. Returns
    /// <see langword="null"/> (with the report's failure set) when not every client joined.
    /// </summary>
    public static async Task<ClientFleet?> JoinAsync(
        RunEnvironment environment, RunReport report, int count, Func<Task>? afterFirstClient = null)
    {
        report.ClientsRequested = count;
        var startedAt = Stopwatch.GetTimestamp();
        var fleet = await ClientFleet.ConnectAsync(environment.Fleet(count), afterFirstClient, environment.Stop);
        environment.Own(fleet);
        if (environment.UserCancelled)
        {
            throw new OperationCanceledException("Interrupted while the clients were joining.", environment.Stop);
        }

        report.ClientsConnected = fleet.Connected;
        report.Notes.Add(DescribeClients(environment, fleet));
        if (fleet.Failures > 0)
        {
            report.Failure = $"{fleet.Connected:N0} of {count:N0} clients joined; {fleet.FirstFailure}";
            return null;
        }

        if (fleet.Connected < count)
        {
            report.Failure = $"the deadline ({environment.Settings.Timeout.TotalSeconds:0} s) passed while the clients were joining";
            return null;
        }

        report.JoinSeconds = Stopwatch.GetElapsedTime(startedAt, fleet.LastWelcomedAt).TotalSeconds;
        return fleet;
    }

    /// <summary>
    /// The setup of a run that sends lines: joins <paramref name="clients"/> clients, waits until
    /// every client sees every user, and lets <paramref name="senders"/> of them send
    /// <paramref name="warmupLines"/> lines each; the setup's CPU goes into the report. Returns
    /// <see langword="null"/> when a step failed: the report says why (and, once clients joined,
    /// has the final checks).
    /// </summary>
    public static async Task<ClientFleet?> JoinAndWarmUpAsync(
        RunEnvironment environment, RunReport report, int clients, int senders, int warmupLines)
    {
        var setup = PhaseMeter.Start(environment.Server);
        var fleet = await JoinAsync(environment, report, clients);
        if (fleet is null)
        {
            return null;
        }

        var ready = await WaitForPresenceAsync(environment, report, fleet, setup.StartedAt)
            && await Warmup.RunAsync(environment, report, fleet, senders, warmupLines);
        setup.StopSetupInto(report);
        if (!ready)
        {
            Finish(environment, report, fleet);
            return null;
        }

        return fleet;
    }

    /// <summary>
    /// The measured phase of a run that sends lines: every client measures <paramref name="lines"/>,
    /// <paramref name="startSending"/> starts the senders (given the phase's start and the count
    /// of lines each sender sent), and the phase lasts until every delivery arrived or the
    /// deadline passed. Fills in the phase's CPU, the elapsed time and a failed sender; returns
    /// how many lines were sent.
    /// </summary>
    public static async Task<long> MeasureLinesAsync(
        RunEnvironment environment, RunReport report, ClientFleet fleet, LinePhase lines, Func<long, long[], Task> startSending)
    {
        fleet.UseLines(lines);
        var phase = PhaseMeter.Start(environment.Server);
        var sent = new long[lines.Senders];
        var sending = startSending(phase.StartedAt, sent);
        var done = await WaitAsync(environment, report, lines.AllReceived.Completion, "waiting for every delivery");
        var endedAt = done ? lines.AllReceived.CompletedAt : Stopwatch.GetTimestamp();
        phase.StopInto(report);

        await ObserveSendersAsync(report, sending);
        report.ElapsedSeconds = Stopwatch.GetElapsedTime(phase.StartedAt, endedAt).TotalSeconds;
        return sent.Sum();
    }

    /// <summary>Waits for the senders to stop and reports the first one that failed.</summary>
    public static async Task ObserveSendersAsync(RunReport report, Task sending)
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

    /// <summary>Waits until every client sees every user; fills in the presence time, measured from <paramref name="startedAt"/>.</summary>
    public static async Task<bool> WaitForPresenceAsync(RunEnvironment environment, RunReport report, ClientFleet fleet, long startedAt)
    {
        report.PresenceTarget = fleet.Presence.Target;
        if (!await WaitAsync(environment, report, fleet.Presence.Complete.Completion, "waiting for every client to see every user"))
        {
            report.Failure += $" ({fleet.Presence.Complete.Remaining:N0} clients had not seen all {fleet.Presence.Target:N0} users)";
            return false;
        }

        report.PresenceSeconds = Stopwatch.GetElapsedTime(startedAt, fleet.Presence.Complete.CompletedAt).TotalSeconds;
        return true;
    }

    /// <summary>Waits for <paramref name="task"/> until the run's deadline; a deadline that passes becomes the report's failure.</summary>
    public static async Task<bool> WaitAsync(RunEnvironment environment, RunReport report, Task task, string doing)
    {
        try
        {
            await task.WaitAsync(environment.Stop);
            return true;
        }
        catch (OperationCanceledException) when (!environment.UserCancelled)
        {
            report.Failure ??= $"the deadline ({environment.Settings.Timeout.TotalSeconds:0} s) passed while {doing}";
            return false;
        }
    }

    /// <summary>
    /// The checks every run ends with: how many clients see the wrong number of users, a
    /// name-by-name comparison of some clients' user lists, and what went wrong along the way.
    /// </summary>
    public static void Finish(RunEnvironment environment, RunReport report, ClientFleet fleet)
    {
        var target = fleet.Presence.Target;
        report.PresenceTarget = target;
        report.PresenceWrong = fleet.Clients.Count(c => c is not null && c.HearsPresence && c.Presence != target);
        report.PresenceClients = fleet.Clients.Count(c => c is not null && c.HearsPresence);
        var (listsMatch, check) = VerifyUserLists(environment, fleet);
        report.PresenceCheck = check;
        if (report.PresenceWrong > 0 || !listsMatch)
        {
            report.Failure ??= "presence is wrong: not every client sees exactly the users in the room";
        }

        if (environment.Server.ReadStats() is { } server)
        {
            report.ServerPeakRssBytes = server.PeakRssBytes;
        }

        report.GeneratorPeakRssBytes = Server.ProcessStats.TryRead(Environment.ProcessId)?.PeakRssBytes;
        ReportProblems(report, fleet.Problems);
    }

    /// <summary>What went wrong along the way, in every scenario: lost connections, server errors, presence nobody asked for, lines nobody sent.</summary>
    public static void ReportProblems(RunReport report, RunProblems problems)
    {
        if (problems.ConnectionsLost > 0)
        {
            report.Notes.Add($"{problems.ConnectionsLost:N0} connections were lost; the first: {problems.FirstConnectionLost}");
            report.Failure ??= "connections were lost";
        }

        if (problems.ServerErrors > 0)
        {
            report.Notes.Add($"the server sent {problems.ServerErrors:N0} errors; the first: {problems.FirstServerError}");
        }

        if (problems.UnwantedPresence > 0)
        {
            report.Notes.Add($"{problems.UnwantedPresence:N0} presence notices reached clients that had declined presence");
            report.Failure ??= "presence reached clients that declined it";
        }

        if (problems.UnknownLines > 0)
        {
            report.Notes.Add($"{problems.UnknownLines:N0} lines carried this run's tag but a sequence number nobody sent");
            report.Failure ??= "lines nobody sent arrived";
        }
    }

    /// <summary>Sends line <paramref name="sequence"/> from <paramref name="client"/>, stamping its send time first.</summary>
    public static ValueTask SendLineAsync(LoadClient client, LinePhase lines, int sequence, string text, CancellationToken cancellationToken)
    {
        lines.Stamps.Stamp(sequence, Stopwatch.GetTimestamp());
        return client.SendAsync(text, cancellationToken);
    }

    /// <summary>Adds up what the receivers counted into the report.</summary>
    public static void CountDeliveries(RunReport report, ClientFleet fleet, LinePhase lines, long linesSent)
    {
        report.LinesSent = linesSent;
        report.DeliveriesExpected = (long)lines.LinesPerReceiver * fleet.Requested;
        report.DeliveriesReceived = fleet.Clients.Sum(c => c?.Received ?? 0);
        report.OutOfOrder = fleet.Clients.Sum(c => c?.OutOfOrder ?? 0);
        report.Loss = Math.Max(0, report.DeliveriesExpected - report.DeliveriesReceived);
        report.Latency = lines.Latencies.Snapshot();
        if (report.DeliveriesReceived > report.DeliveriesExpected)
        {
            report.Notes.Add($"{report.DeliveriesReceived - report.DeliveriesExpected:N0} more deliveries than expected (duplicates)");
            report.Failure ??= "lines were delivered twice";
        }
    }

    /// <summary>Which kind of client the run's clients are, for the report.</summary>
    private static string DescribeClients(RunEnvironment environment, ClientFleet fleet)
    {
        var epoll = fleet.Clients.Count(c => c is EpollLoadClient);
        var thin = fleet.Clients.Count(c => c is ThinLoadClient);
        var library = fleet.Connected - thin - epoll;
        if (environment.Settings.ThinClients && !environment.ThinClients)
        {
            return $"clients: all {library:N0} on the client library (ChatClient): thin clients do not do TLS, so --tls falls back to library clients";
        }

        if (epoll > 0)
        {
            return $"clients: {epoll:N0} thin, read by {environment.ReceiveThreads} epoll receive thread(s) (raw sockets, no allocation "
                + $"or task per line; they decline presence), {library:N0} on the client library (ChatClient)";
        }

        if (environment.Settings.EpollClients && environment.ThinClients && !Clients.Epoll.EpollNative.Supported)
        {
            return $"clients: {thin:N0} thin, on .NET's async sockets: --client epoll needs Linux on x86-64, so it fell back to thin; "
                + $"{library:N0} on the client library (ChatClient)";
        }

        return thin == 0
            ? $"clients: all {library:N0} on the client library (ChatClient)"
            : $"clients: {thin:N0} thin (raw sockets, no allocation per line; they decline presence), {library:N0} on the client library (ChatClient)";
    }

    private static (bool Match, string Description) VerifyUserLists(RunEnvironment environment, ClientFleet fleet)
    {
        var sample = UserListSample.Indices(environment.Settings.PresenceSample, fleet.Requested);
        if (sample.Count == 0)
        {
            return (true, "user lists not compared (--presence-sample 0)");
        }

        var expected = Enumerable.Range(0, fleet.Requested).Select(i => ClientFleet.UserName(environment.Tag, i)).ToList();
        var checkedCount = 0;
        var mismatches = 0;
        string? first = null;
        foreach (var index in sample)
        {
            // The sampled clients receive presence, so they are library clients (which keep the list).
            if (fleet.Clients[index] is not LibraryLoadClient client)
            {
                continue;
            }

            checkedCount++;
            var users = new HashSet<string>(client.Client.Users, Protocol.UserNameRules.Comparer);
            var missing = expected.FirstOrDefault(name => !users.Contains(name));
            if (missing is not null || users.Count != fleet.Presence.Target)
            {
                mismatches++;
                first ??= missing is not null
                    ? string.Create(CultureInfo.InvariantCulture, $"client {index} does not list {missing}")
                    : string.Create(CultureInfo.InvariantCulture, $"client {index} lists {users.Count} users, not {fleet.Presence.Target}");
            }
        }

        return mismatches == 0
            ? (true, $"{checkedCount} sampled user lists match name by name")
            : (false, $"{mismatches} of {checkedCount} sampled user lists are WRONG ({first})");
    }
}
