using System.Globalization;

namespace Chat.LoadTest.Reporting;

/// <summary>Prints run reports and the median of several runs as aligned plain text.</summary>
internal static class ReportPrinter
{
    private const int LabelWidth = 22;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(TextWriter output, RunReport report)
    {
        output.WriteLine();
        output.WriteLine($"== {report.Scenario} · run {report.Run} of {report.Runs} · {report.Server}");
        Line(output, "workload", report.Workload);

        var clients = $"{Count(report.ClientsConnected)} of {Count(report.ClientsRequested)}";
        if (report.JoinSeconds is { } join)
        {
            clients += $"   all welcomed in {Seconds(join)}";
        }

        if (report.PresenceSeconds is { } presence)
        {
            clients += $", presence complete in {Seconds(presence)}";
        }

        Line(output, "clients connected", clients);
        if (report.PresenceTarget > 0)
        {
            var who = report.PresenceClients < report.ClientsConnected
                ? $"each of the {Count(report.PresenceClients)} clients that receive presence (the others declined it)"
                : "every client";
            var wrong = report.PresenceWrong == 0 ? $"{who} sees them" : $"{Count(report.PresenceWrong)} clients do NOT";
            Line(output, "presence", $"{Count(report.PresenceTarget)} users, {wrong}{(report.PresenceCheck is { } check ? "; " + check : "")}");
        }

        Line(output, "lines sent", Count(report.LinesSent));
        if (report.DeliveriesExpected > 0)
        {
            Line(output, "deliveries expected", Count(report.DeliveriesExpected));
            Line(output, "deliveries received", Count(report.DeliveriesReceived));
        }

        var loss = report.Loss == 0 ? "0" : $"{Count(report.Loss)}   <<< NOT ZERO: {report.LossMeaning}";
        Line(output, "LOSS", loss);
        if (report.OutOfOrder > 0)
        {
            Line(output, "OUT OF ORDER", $"{Count(report.OutOfOrder)} lines arrived after a line the server numbered later");
        }

        if (report.Misdelivered > 0)
        {
            Line(output, "MISDELIVERED", $"{Count(report.Misdelivered)} lines or notices reached a client outside the room they belong to");
        }

        if (report.DeliveriesExpected > 0)
        {
            Line(output, "elapsed", $"{Seconds(report.ElapsedSeconds)}   ({report.ElapsedMeaning})");
            Line(output, "deliveries/s", Count((long)report.DeliveriesPerSecond));
        }

        if (report.Latency is { Count: > 0 } latency)
        {
            Line(output, "latency", string.Create(Invariant,
                $"p50 {Millis(latency.Percentile(50))}   p99 {Millis(latency.Percentile(99))}   max {Millis(latency.Max)}   ({Count(latency.Count)} samples)"));
        }

        foreach (var extra in report.Extra)
        {
            Line(output, extra.Name, Format(extra.Value, extra.Unit));
        }

        Line(output, "server", ServerLine(report));
        if (report.ServerMemoryDetail is { } memory)
        {
            Line(output, "server memory", memory);
        }

        var generator = $"CPU {Seconds(report.GeneratorCpuSeconds)} in the measured phase{PerDelivery(report, report.GeneratorCpuSeconds)}";
        if (report.GeneratorSetupCpuSeconds is { } setup)
        {
            generator += $", {Seconds(setup)} connecting";
        }

        if (report.GeneratorPeakRssBytes is { } generatorPeak)
        {
            generator += $"   peak RSS {Bytes(generatorPeak)}";
        }

        Line(output, "load generator", generator);
        if (MachineLine(report) is { } machine)
        {
            Line(output, "machine", machine);
        }

        foreach (var note in report.Notes)
        {
            Line(output, "note", note);
        }

        Line(output, "result", report.Passed ? "PASS" : $"FAIL: {report.Failure ?? DescribeFailure(report)}");
    }

    public static void PrintMedians(TextWriter output, IReadOnlyList<RunReport> reports)
    {
        if (reports.Count < 2)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"== {reports[0].Scenario} · median of {reports.Count} runs");
        var names = reports[0].Figures().Select(f => f.Name).ToList();
        foreach (var name in names)
        {
            var figures = reports.SelectMany(r => r.Figures()).Where(f => f.Name == name).ToList();
            if (figures.Count == 0)
            {
                continue;
            }

            var values = figures.Select(f => f.Value).Order().ToList();
            var median = values.Count % 2 == 1
                ? values[values.Count / 2]
                : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
            var each = string.Join(", ", figures.Select(f => Format(f.Value, f.Unit)));
            Line(output, name, $"{Format(median, figures[0].Unit),-14}   (runs: {each})");
        }

        var failed = reports.Count(r => !r.Passed);
        Line(output, "result", failed == 0 ? "PASS (every run)" : $"FAIL ({failed} of {reports.Count} runs failed)");
    }

    private static string ServerLine(RunReport report)
    {
        if (report.ServerCpuSeconds is null && report.ServerPeakRssBytes is null)
        {
            return "CPU and memory not known (give --server-pid for a running server)";
        }

        var text = $"CPU {Seconds(report.ServerCpuSeconds ?? 0)} in the measured phase{PerDelivery(report, report.ServerCpuSeconds ?? 0)}";
        if (report.ServerSetupCpuSeconds is { } setup)
        {
            text += $", {Seconds(setup)} connecting";
        }

        if (report.ServerPeakRssBytes is { } peak)
        {
            text += $"   peak RSS {Bytes(peak)}";
        }

        return text;
    }

    private static string PerDelivery(RunReport report, double cpuSeconds) =>
        report.DeliveriesReceived >= 1000
            ? string.Create(Invariant, $" ({cpuSeconds * 1e6 / report.DeliveriesReceived:0.00} µs per delivery)")
            : "";

    private static string? MachineLine(RunReport report)
    {
        if (report.MachineBusySeconds is not { } busy || report.PhaseWallSeconds <= 0)
        {
            return null;
        }

        var capacity = report.PhaseWallSeconds * Server.MachineStats.Cores;
        var others = Math.Max(0, busy - report.GeneratorCpuSeconds - (report.ServerCpuSeconds ?? 0));
        var text = string.Create(Invariant,
            $"{busy:0.00} of {capacity:0.00} CPU-s busy in the measured phase ({Server.MachineStats.Cores} cores); other processes {others:0.00} s");
        if (report.LoadAverageAtStart is { } load)
        {
            text += string.Create(Invariant, $"; load average {load:0.00} at the start");
        }

        if (others > capacity * 0.1)
        {
            text += string.Create(Invariant, $"   <<< BUSY: others took {others / capacity:P0} of the CPU; the figures are skewed");
        }

        return text;
    }

    private static string DescribeFailure(RunReport report)
    {
        if (report.ClientsConnected < report.ClientsRequested)
        {
            return "not every client joined";
        }

        return report.Loss > 0 ? "loss is not zero"
            : report.Misdelivered > 0 ? "lines reached clients outside their room"
            : "lines arrived out of order";
    }

    private static string Format(double value, FigureUnit unit) => unit switch
    {
        FigureUnit.Seconds => Seconds(value),
        FigureUnit.Milliseconds => value.ToString("0.00", Invariant) + " ms",
        FigureUnit.PerSecond => Count((long)value),
        FigureUnit.Bytes => Bytes((long)value),
        FigureUnit.Microseconds => value.ToString("#,0.00", Invariant) + " µs",
        FigureUnit.Ratio => value.ToString("#,0.0", Invariant) + "×",
        _ => Count((long)value),
    };

    private static void Line(TextWriter output, string label, string value) =>
        output.WriteLine($"  {label.PadRight(LabelWidth)}{value}");

    private static string Count(long value) => value.ToString("N0", Invariant);

    private static string Seconds(double seconds) => seconds.ToString("0.000", Invariant) + " s";

    private static string Millis(long microseconds) => (microseconds / 1000.0).ToString("0.00", Invariant) + " ms";

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.0", Invariant) + " MiB",
        >= 1024 => (bytes / 1024.0).ToString("0.0", Invariant) + " KiB",
        _ => bytes.ToString(Invariant) + " B",
    };
}
