using System.Diagnostics.Metrics;

namespace Chat.Server.Tests.Diagnostics;

public class MeterCollectorTests
{
    [Fact]
    public void CountersAreSummedPerTagSetAndUpDownCountersAreGauges()
    {
        using var meter = new Meter(ServerMetrics.MeterName);
        using var collector = new MeterCollector(meter, ServerMetrics.InstrumentPrefix, "chatroom_");
        var lines = meter.CreateCounter<long>("chat.server.lines.posted", "{line}", "Lines posted.");
        var connections = meter.CreateUpDownCounter<long>("chat.server.connections", "{connection}", "Open connections.");
        var disconnects = meter.CreateCounter<int>("chat.server.disconnects", "{connection}", "Closed.");
        var sent = meter.CreateCounter<long>("chat.server.sent", "By", "Bytes sent.");

        lines.Add(2);
        lines.Add(3);
        connections.Add(1);
        connections.Add(1);
        connections.Add(-1);
        disconnects.Add(1, new KeyValuePair<string, object?>("reason", "quit"));
        disconnects.Add(1, new KeyValuePair<string, object?>("reason", "kicked"));
        disconnects.Add(1, new KeyValuePair<string, object?>("reason", "quit"));
        sent.Add(100);

        Assert.Equal(
            "# HELP chatroom_connections Open connections.\n" +
            "# TYPE chatroom_connections gauge\n" +
            "chatroom_connections 1\n" +
            "# HELP chatroom_disconnects_total Closed.\n" +
            "# TYPE chatroom_disconnects_total counter\n" +
            "chatroom_disconnects_total{reason=\"kicked\"} 1\n" +
            "chatroom_disconnects_total{reason=\"quit\"} 2\n" +
            "# HELP chatroom_lines_posted_total Lines posted.\n" +
            "# TYPE chatroom_lines_posted_total counter\n" +
            "chatroom_lines_posted_total 5\n" +
            "# HELP chatroom_sent_bytes_total Bytes sent.\n" +
            "# TYPE chatroom_sent_bytes_total counter\n" +
            "chatroom_sent_bytes_total 100\n",
            PrometheusText.Format(collector.Snapshot()));
    }

    [Fact]
    public void OnlyItsOwnMeterIsCollectedEvenUnderTheSameName()
    {
        using var mine = new Meter(ServerMetrics.MeterName);
        using var other = new Meter(ServerMetrics.MeterName);
        using var collector = new MeterCollector(mine, ServerMetrics.InstrumentPrefix, "chatroom_");
        var counted = mine.CreateCounter<long>("chat.server.deliveries", "{message}");
        other.CreateCounter<long>("chat.server.deliveries", "{message}").Add(1000);
        counted.Add(7);

        var family = Assert.Single(collector.Snapshot());
        Assert.Equal("chatroom_deliveries_total", family.Name);
        Assert.Equal(7, Assert.Single(family.Samples).Value);
    }

    [Fact]
    public void AnInstrumentNotYetMeasuredShowsZero()
    {
        using var meter = new Meter(ServerMetrics.MeterName);
        using var collector = new MeterCollector(meter, ServerMetrics.InstrumentPrefix, "chatroom_");
        meter.CreateCounter<long>("chat.server.messages.received", "{message}", "Received.");

        Assert.Equal(
            "# HELP chatroom_messages_received_total Received.\n# TYPE chatroom_messages_received_total counter\nchatroom_messages_received_total 0\n",
            PrometheusText.Format(collector.Snapshot()));
    }
}
