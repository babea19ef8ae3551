using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Reporting;

/// <summary>Everything one run measured, filled in by its scenario and printed by <see cref="ReportPrinter"/>.</summary>
internal sealed class RunReport
{
    public required string Scenario { get; init; }

    public required string Workload { get; init; }

    public string Server { get; set; } = "";

    public int Run { get; set; } = 1;

    public int Runs { get; set; } = 1;

    public int ClientsRequested { get; set; }

    public int ClientsConnected { get; set; }

    /// <summary>Seconds from the first connect to the last welcome.</summary>
    public double? JoinSeconds { get; set; }

    /// <summary>Seconds from the first connect until every client saw every user.</summary>
    public double? PresenceSeconds { get; set; }

    /// <summary>The number of users every client must see.</summary>
    public int PresenceTarget { get; set; }

    /// <summary>Clients that did not see exactly <see cref="PresenceTarget"/> users at the end.</summary>
    public int PresenceWrong { get; set; }

    /// <summary>Clients that receive presence; the others declined it (<c>--presence sampled</c>).</summary>
    public int PresenceClients { get; set; }

    /// <summary>The result of comparing some clients' user lists name by name with the run's users.</summary>
    public string? PresenceCheck { get; set; }

    public long LinesSent { get; set; }

    public long DeliveriesExpected { get; set; }

    public long DeliveriesReceived { get; set; }

    /// <summary>
    /// What was expected and did not happen: deliveries missing, and for presence-only runs the
    /// clients whose presence is wrong. Must be 0.
    /// </summary>
    public long Loss { get; set; }

    /// <summary>What <see cref="Loss"/> counts, for the report.</summary>
    public string LossMeaning { get; set; } = "deliveries expected but not received";

    public long OutOfOrder { get; set; }

    /// <summary>Lines (and presence notices) that reached a client outside the room they belong to. Must be 0.</summary>
    public long Misdelivered { get; set; }

    /// <summary>Figures a scenario adds to the common ones (printed in order, and in the medians of several runs).</summary>
    public List<Figure> Extra { get; } = [];

    /// <summary>Seconds of the measured phase.</summary>
    public double ElapsedSeconds { get; set; }

    /// <summary>What the measured phase spans, for the report.</summary>
    public string ElapsedMeaning { get; set; } = "";

    public LatencyHistogram? Latency { get; set; }

    /// <summary>Server CPU seconds (user + system) during the measured phase.</summary>
    public double? ServerCpuSeconds { get; set; }

    /// <summary>Server CPU seconds during connecting and presence, when that is not the measured phase.</summary>
    public double? ServerSetupCpuSeconds { get; set; }

    public long? ServerPeakRssBytes { get; set; }

    /// <summary>Server memory added per connection (idle scenario).</summary>
    public double? ServerBytesPerConnection { get; set; }

    public string? ServerMemoryDetail { get; set; }

    public double GeneratorCpuSeconds { get; set; }

    /// <summary>CPU seconds every process on the machine used in the measured phase, summed over the cores.</summary>
    public double? MachineBusySeconds { get; set; }

    /// <summary>Wall seconds over which the CPU figures were taken.</summary>
    public double PhaseWallSeconds { get; set; }

    /// <summary>The 1-minute load average when the run started.</summary>
    public double? LoadAverageAtStart { get; set; }

    public double? GeneratorSetupCpuSeconds { get; set; }

    public long? GeneratorPeakRssBytes { get; set; }

    /// <summary>Remarks that bear on the figures (connections lost, server errors, sender lag).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Why the run did not complete (timeout, a client could not join); <see langword="null"/> when it did.</summary>
    public string? Failure { get; set; }

    public bool Passed => Failure is null && Loss == 0 && ClientsConnected == ClientsRequested && OutOfOrder == 0 && Misdelivered == 0;

    public double DeliveriesPerSecond => ElapsedSeconds > 0 ? DeliveriesReceived / ElapsedSeconds : 0;

    /// <summary>The figures that the summary of several runs shows the median of.</summary>
    public IEnumerable<Figure> Figures()
    {
        if (JoinSeconds is { } join)
        {
            yield return new Figure("all welcomed", join, FigureUnit.Seconds);
        }

        if (PresenceSeconds is { } presence)
        {
            yield return new Figure("presence complete", presence, FigureUnit.Seconds);
        }

        if (DeliveriesExpected > 0)
        {
            yield return new Figure("elapsed", ElapsedSeconds, FigureUnit.Seconds);
            yield return new Figure("deliveries/s", DeliveriesPerSecond, FigureUnit.PerSecond);
        }

        if (Latency is { Count: > 0 } latency)
        {
            yield return new Figure("latency p50", latency.Percentile(50) / 1000.0, FigureUnit.Milliseconds);
            yield return new Figure("latency p99", latency.Percentile(99) / 1000.0, FigureUnit.Milliseconds);
            yield return new Figure("latency max", latency.Max / 1000.0, FigureUnit.Milliseconds);
        }

        foreach (var extra in Extra)
        {
            yield return extra;
        }

        if (ServerCpuSeconds is { } cpu)
        {
            yield return new Figure("server CPU", cpu, FigureUnit.Seconds);
            if (DeliveriesReceived > 0)
            {
                yield return new Figure("server CPU/delivery", cpu * 1e6 / DeliveriesReceived, FigureUnit.Microseconds);
            }
        }

        if (ServerPeakRssBytes is { } peak)
        {
            yield return new Figure("server peak RSS", peak, FigureUnit.Bytes);
        }

        if (ServerBytesPerConnection is { } perConnection)
        {
            yield return new Figure("memory per connection", perConnection, FigureUnit.Bytes);
        }

        yield return new Figure("generator CPU", GeneratorCpuSeconds, FigureUnit.Seconds);
        if (DeliveriesReceived > 0)
        {
            yield return new Figure("gen. CPU/delivery", GeneratorCpuSeconds * 1e6 / DeliveriesReceived, FigureUnit.Microseconds);
        }

        yield return new Figure("loss", Loss, FigureUnit.Count);
    }
}
