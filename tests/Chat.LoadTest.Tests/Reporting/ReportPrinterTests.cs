using Chat.LoadTest.Measurement;
using Chat.LoadTest.Reporting;

namespace Chat.LoadTest.Tests.Reporting;

public class ReportPrinterTests
{
    [Fact]
    public void AFanoutReportPrintsItsFigures()
    {
        var report = Fanout();

        var lines = Print(report);

        Assert.Equal(
            [
                "",
                "== fanout · run 2 of 3 · started Chat.Server.dll as pid 42 on 127.0.0.1:5000",
                "  workload              100 clients; 100 senders × 100 lines",
                "  clients connected     100 of 100   all welcomed in 1.250 s, presence complete in 2.500 s",
                "  presence              100 users, every client sees them; 20 sampled user lists match name by name",
                "  lines sent            10,000",
                "  deliveries expected   1,000,000",
                "  deliveries received   1,000,000",
                "  LOSS                  0",
                "  elapsed               4.000 s   (first send to last receipt)",
                "  deliveries/s          250,000",
                "  latency               p50 0.10 ms   p99 0.20 ms   max 0.25 ms   (100 samples)",
                "  server                CPU 1.500 s in the measured phase (1.50 µs per delivery), 0.250 s connecting   peak RSS 64.0 MiB",
                "  load generator        CPU 3.000 s in the measured phase (3.00 µs per delivery), 0.500 s connecting   peak RSS 512.0 KiB",
                "  note                  warm-up before the clock",
                "  result                PASS",
            ],
            lines);
    }

    [Fact]
    public void LossIsFlaggedAndTheRunFails()
    {
        var report = Fanout();
        report.DeliveriesReceived = 999_995;
        report.Loss = 5;

        var lines = Print(report);

        Assert.Contains("  LOSS                  5   <<< NOT ZERO: deliveries expected but not received", lines);
        Assert.Equal("  result                FAIL: loss is not zero", lines[^1]);
    }

    [Fact]
    public void AFailureIsPrintedAsTheResult()
    {
        var report = Fanout();
        report.Failure = "the deadline (120 s) passed while waiting for every delivery";

        Assert.Equal("  result                FAIL: the deadline (120 s) passed while waiting for every delivery", Print(report)[^1]);
    }

    [Fact]
    public void ClientsThatDidNotJoinFailTheRun()
    {
        var report = Fanout();
        report.ClientsConnected = 98;

        var lines = Print(report);

        Assert.Contains(lines, l => l.StartsWith("  clients connected     98 of 100", StringComparison.Ordinal));
        Assert.Equal("  result                FAIL: not every client joined", lines[^1]);
    }

    [Fact]
    public void LinesOutOfOrderAreFlaggedAndFailTheRun()
    {
        var report = Fanout();
        report.OutOfOrder = 3;

        var lines = Print(report);

        Assert.Contains("  OUT OF ORDER          3 lines arrived after a line the server numbered later", lines);
        Assert.Equal("  result                FAIL: lines arrived out of order", lines[^1]);
    }

    [Fact]
    public void MisdeliveredLinesAreFlaggedAndFailTheRun()
    {
        var report = Fanout();
        report.Misdelivered = 2;

        var lines = Print(report);

        Assert.Contains("  MISDELIVERED          2 lines or notices reached a client outside the room they belong to", lines);
        Assert.Equal("  result                FAIL: lines reached clients outside their room", lines[^1]);
    }

    [Fact]
    public void AScenariosOwnFiguresArePrintedBeforeTheServerLine()
    {
        var report = Fanout();
        report.Extra.Add(new Figure("server/room line", 81.25, FigureUnit.Microseconds));
        report.Extra.Add(new Figure("server/lobby line", 8123.4, FigureUnit.Microseconds));
        report.Extra.Add(new Figure("lobby/room line cost", 99.98, FigureUnit.Ratio));

        var lines = Print(report);

        var at = lines.IndexOf("  server/room line      81.25 µs");
        Assert.True(at > 0);
        Assert.Equal("  server/lobby line     8,123.40 µs", lines[at + 1]);
        Assert.Equal("  lobby/room line cost  100.0×", lines[at + 2]);
        Assert.StartsWith("  server                CPU", lines[at + 3]);
    }

    [Fact]
    public void AScenariosOwnFiguresHaveTheirMedians()
    {
        RunReport WithCost(double microseconds)
        {
            var report = Fanout();
            report.Extra.Add(new Figure("server/room line", microseconds, FigureUnit.Microseconds));
            return report;
        }

        var lines = PrintMedians([WithCost(90), WithCost(70), WithCost(80)]);

        Assert.Contains("  server/room line      80.00 µs         (runs: 90.00 µs, 70.00 µs, 80.00 µs)", lines);
    }

    [Fact]
    public void ClientsWithTheWrongUsersAreCounted()
    {
        var report = Fanout();
        report.PresenceWrong = 3;
        report.PresenceCheck = "1 of 20 sampled user lists are WRONG (client 5 does not list lt1000-00007)";

        Assert.Contains(
            "  presence              100 users, 3 clients do NOT; 1 of 20 sampled user lists are WRONG (client 5 does not list lt1000-00007)",
            Print(report));
    }

    [Fact]
    public void DeclinedPresenceSaysHowManyClientsReceiveIt()
    {
        var report = Fanout();
        report.PresenceClients = 20;

        Assert.Contains(
            "  presence              100 users, each of the 20 clients that receive presence (the others declined it) sees them; 20 sampled user lists match name by name",
            Print(report));
    }

    [Fact]
    public void AJoinReportHasNoDeliveryFiguresAndSaysWhatItsLossCounts()
    {
        var report = new RunReport
        {
            Scenario = "join",
            Workload = "10,000 clients join, 100 joins at a time",
            LossMeaning = "clients that do not see every user",
            ClientsRequested = 10_000,
            ClientsConnected = 10_000,
            JoinSeconds = 3,
            PresenceTarget = 10_000,
            PresenceClients = 10_000,
            Loss = 12,
        };

        var lines = Print(report);

        Assert.DoesNotContain(lines, l => l.Contains("deliveries", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("elapsed", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("latency", StringComparison.Ordinal));
        Assert.Contains("  lines sent            0", lines);
        Assert.Contains("  LOSS                  12   <<< NOT ZERO: clients that do not see every user", lines);
        Assert.Contains("  presence              10,000 users, every client sees them", lines);
    }

    [Fact]
    public void AServerWithoutAPidHasNoCpuOrMemory()
    {
        var report = Fanout();
        report.ServerCpuSeconds = null;
        report.ServerSetupCpuSeconds = null;
        report.ServerPeakRssBytes = null;

        Assert.Contains("  server                CPU and memory not known (give --server-pid for a running server)", Print(report));
    }

    [Fact]
    public void FewerThanAThousandDeliveriesHaveNoCostPerDelivery()
    {
        var report = Fanout();
        report.DeliveriesExpected = 999;
        report.DeliveriesReceived = 999;

        Assert.Contains(
            "  server                CPU 1.500 s in the measured phase, 0.250 s connecting   peak RSS 64.0 MiB",
            Print(report));
    }

    [Fact]
    public void TheMachineLineShowsWhatOtherProcessesTook()
    {
        var report = Fanout();
        report.PhaseWallSeconds = 4;
        report.MachineBusySeconds = 4.5; // the server's 1.5 and the generator's 3: nothing else
        report.LoadAverageAtStart = 0.25;
        var cores = Environment.ProcessorCount;

        var machine = Assert.Single(Print(report), l => l.StartsWith("  machine ", StringComparison.Ordinal));

        Assert.Equal(
            $"  machine               4.50 of {4 * cores}.00 CPU-s busy in the measured phase ({cores} cores); other processes 0.00 s; load average 0.25 at the start",
            machine);
    }

    [Fact]
    public void AMachineBusyWithOtherWorkIsFlagged()
    {
        var report = Fanout();
        report.PhaseWallSeconds = 4;
        report.MachineBusySeconds = 4.5 + (4 * Environment.ProcessorCount * 0.5); // others took half the capacity

        var machine = Assert.Single(Print(report), l => l.StartsWith("  machine ", StringComparison.Ordinal));

        Assert.Contains("<<< BUSY: others took 50", machine, StringComparison.Ordinal);
        Assert.EndsWith("of the CPU; the figures are skewed", machine, StringComparison.Ordinal);
    }

    [Fact]
    public void NoMachineFiguresNoMachineLine()
    {
        Assert.DoesNotContain(Print(Fanout()), l => l.StartsWith("  machine ", StringComparison.Ordinal));
    }

    [Fact]
    public void TheIdleScenariosMemoryDetailIsPrinted()
    {
        var report = Fanout();
        report.ServerMemoryDetail = "RSS 40.0 MiB with 1 client, 140.0 MiB with 10,000: 10.2 KiB per connection";

        Assert.Contains("  server memory         RSS 40.0 MiB with 1 client, 140.0 MiB with 10,000: 10.2 KiB per connection", Print(report));
    }

    [Fact]
    public void OneRunHasNoMedians()
    {
        using var output = new StringWriter();

        ReportPrinter.PrintMedians(output, [Fanout()]);
        ReportPrinter.PrintMedians(output, []);

        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void ThreeRunsPrintTheMiddleValueOfEachFigure()
    {
        var reports = new[] { Fanout(elapsed: 5, generatorCpu: 3), Fanout(elapsed: 4, generatorCpu: 1), Fanout(elapsed: 8, generatorCpu: 2) };

        var lines = PrintMedians(reports);

        Assert.Equal("== fanout · median of 3 runs", lines[1]);
        Assert.Contains("  elapsed               5.000 s          (runs: 5.000 s, 4.000 s, 8.000 s)", lines);
        Assert.Contains("  deliveries/s          200,000          (runs: 200,000, 250,000, 125,000)", lines);
        Assert.Contains("  generator CPU         2.000 s          (runs: 3.000 s, 1.000 s, 2.000 s)", lines);
        Assert.Contains("  latency p50           0.10 ms          (runs: 0.10 ms, 0.10 ms, 0.10 ms)", lines);
        Assert.Contains("  server peak RSS       64.0 MiB         (runs: 64.0 MiB, 64.0 MiB, 64.0 MiB)", lines);
        Assert.Contains("  loss                  0                (runs: 0, 0, 0)", lines);
        Assert.Equal("  result                PASS (every run)", lines[^1]);
    }

    [Fact]
    public void AnEvenNumberOfRunsPrintsTheMeanOfTheTwoMiddleValues()
    {
        var reports = new[] { Fanout(elapsed: 1), Fanout(elapsed: 10), Fanout(elapsed: 2), Fanout(elapsed: 3) };

        Assert.Contains("  elapsed               2.500 s          (runs: 1.000 s, 10.000 s, 2.000 s, 3.000 s)", PrintMedians(reports));
    }

    [Fact]
    public void AFailedRunFailsTheSummary()
    {
        var failed = Fanout();
        failed.Loss = 7;

        var lines = PrintMedians([Fanout(), failed, Fanout()]);

        Assert.Contains("  loss                  0                (runs: 0, 7, 0)", lines);
        Assert.Equal("  result                FAIL (1 of 3 runs failed)", lines[^1]);
    }

    [Fact]
    public void AFigureMissingFromARunIsTheMedianOfTheRunsThatHaveIt()
    {
        var withoutLatency = Fanout();
        withoutLatency.Latency = null;

        var lines = PrintMedians([Fanout(), withoutLatency, Fanout()]);

        Assert.Contains("  latency max           0.25 ms          (runs: 0.25 ms, 0.25 ms)", lines);
    }

    /// <summary>A passing fanout run: 100 clients, 100 lines each, 4 s; latencies 0.10/0.20/0.25 ms.</summary>
    private static RunReport Fanout(double elapsed = 4, double generatorCpu = 3)
    {
        var latency = new LatencyHistogram();
        for (var i = 0; i < 50; i++)
        {
            latency.Record(100);
        }

        for (var i = 0; i < 49; i++)
        {
            latency.Record(200);
        }

        latency.Record(250);

        var report = new RunReport
        {
            Scenario = "fanout",
            Workload = "100 clients; 100 senders × 100 lines",
            ElapsedMeaning = "first send to last receipt",
            Server = "started Chat.Server.dll as pid 42 on 127.0.0.1:5000",
            Run = 2,
            Runs = 3,
            ClientsRequested = 100,
            ClientsConnected = 100,
            JoinSeconds = 1.25,
            PresenceSeconds = 2.5,
            PresenceTarget = 100,
            PresenceClients = 100,
            PresenceCheck = "20 sampled user lists match name by name",
            LinesSent = 10_000,
            DeliveriesExpected = 1_000_000,
            DeliveriesReceived = 1_000_000,
            ElapsedSeconds = elapsed,
            Latency = latency,
            ServerCpuSeconds = 1.5,
            ServerSetupCpuSeconds = 0.25,
            ServerPeakRssBytes = 64L << 20,
            GeneratorCpuSeconds = generatorCpu,
            GeneratorSetupCpuSeconds = 0.5,
            GeneratorPeakRssBytes = 512 << 10,
        };
        report.Notes.Add("warm-up before the clock");
        return report;
    }

    private static List<string> Print(RunReport report)
    {
        using var output = new StringWriter { NewLine = "\n" };
        ReportPrinter.Print(output, report);
        return [.. output.ToString().TrimEnd('\n').Split('\n')];
    }

    private static List<string> PrintMedians(IReadOnlyList<RunReport> reports)
    {
        using var output = new StringWriter { NewLine = "\n" };
        ReportPrinter.PrintMedians(output, reports);
        return [.. output.ToString().TrimEnd('\n').Split('\n')];
    }
}
