using Chat.LoadTest.Measurement;
using Chat.LoadTest.Reporting;

namespace Chat.LoadTest.Tests.Reporting;

public class RunReportTests
{
    [Fact]
    public void ACompleteRunWithoutLossPasses()
    {
        var report = Report();
        report.ClientsRequested = 100;
        report.ClientsConnected = 100;

        Assert.True(report.Passed);
    }

    [Fact]
    public void AnyLossFails()
    {
        var report = Report();
        report.Loss = 1;

        Assert.False(report.Passed);
    }

    [Fact]
    public void AClientThatDidNotJoinFails()
    {
        var report = Report();
        report.ClientsRequested = 100;
        report.ClientsConnected = 99;

        Assert.False(report.Passed);
    }

    [Fact]
    public void LinesOutOfOrderFail()
    {
        var report = Report();
        report.OutOfOrder = 1;

        Assert.False(report.Passed);
    }

    [Fact]
    public void LinesOutsideTheirRoomFail()
    {
        var report = Report();
        report.Misdelivered = 1;

        Assert.False(report.Passed);
    }

    [Fact]
    public void AFailureFails()
    {
        var report = Report();
        report.Failure = "the deadline passed";

        Assert.False(report.Passed);
    }

    [Fact]
    public void DeliveriesPerSecondAreDeliveriesReceivedOverTheElapsedTime()
    {
        var report = Report();
        report.DeliveriesReceived = 1_000_000;
        report.ElapsedSeconds = 4;

        Assert.Equal(250_000, report.DeliveriesPerSecond);
    }

    [Fact]
    public void NoElapsedTimeIsNoRate()
    {
        var report = Report();
        report.DeliveriesReceived = 1_000;

        Assert.Equal(0, report.DeliveriesPerSecond);
    }

    [Fact]
    public void AReportWithNothingMeasuredHasTheGeneratorCpuAndTheLoss()
    {
        var report = Report();
        report.GeneratorCpuSeconds = 0.5;
        report.Loss = 3;

        Assert.Equal(
            [
                new Figure("generator CPU", 0.5, FigureUnit.Seconds),
                new Figure("loss", 3, FigureUnit.Count),
            ],
            report.Figures());
    }

    [Fact]
    public void EveryMeasuredFigureIsListedInOrderWithItsUnit()
    {
        var latency = new LatencyHistogram();
        latency.Record(100);
        latency.Record(200);
        latency.Record(250);
        var report = Report();
        report.JoinSeconds = 1.25;
        report.PresenceSeconds = 2.5;
        report.DeliveriesExpected = 1_000;
        report.DeliveriesReceived = 1_000;
        report.ElapsedSeconds = 2;
        report.Latency = latency;
        report.ServerCpuSeconds = 1.5;
        report.ServerPeakRssBytes = 64 << 20;
        report.ServerBytesPerConnection = 3_000;
        report.GeneratorCpuSeconds = 3;

        Assert.Equal(
            [
                new Figure("all welcomed", 1.25, FigureUnit.Seconds),
                new Figure("presence complete", 2.5, FigureUnit.Seconds),
                new Figure("elapsed", 2, FigureUnit.Seconds),
                new Figure("deliveries/s", 500, FigureUnit.PerSecond),
                new Figure("latency p50", 0.2, FigureUnit.Milliseconds),
                new Figure("latency p99", 0.25, FigureUnit.Milliseconds),
                new Figure("latency max", 0.25, FigureUnit.Milliseconds),
                new Figure("server CPU", 1.5, FigureUnit.Seconds),
                new Figure("server CPU/delivery", 1_500, FigureUnit.Microseconds),
                new Figure("server peak RSS", 64 << 20, FigureUnit.Bytes),
                new Figure("memory per connection", 3_000, FigureUnit.Bytes),
                new Figure("generator CPU", 3, FigureUnit.Seconds),
                new Figure("gen. CPU/delivery", 3_000, FigureUnit.Microseconds),
                new Figure("loss", 0, FigureUnit.Count),
            ],
            report.Figures());
    }

    [Fact]
    public void AnEmptyLatencyHistogramGivesNoLatencyFigures()
    {
        var report = Report();
        report.Latency = new LatencyHistogram();

        Assert.DoesNotContain(report.Figures(), f => f.Name.StartsWith("latency", StringComparison.Ordinal));
    }

    private static RunReport Report() => new() { Scenario = "fanout", Workload = "test" };
}
