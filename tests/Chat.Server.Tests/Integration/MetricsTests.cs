using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Chat.Protocol;
using Chat.Server.Tests.Support;
using Xunit.Abstractions;

namespace Chat.Server.Tests.Integration;

public class MetricsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CountersFollowClientsMessagesDeliveriesAndDisconnects()
    {
        var server = TestServer.Start();
        var totals = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, server.Server.Metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                key += $"|{tag.Key}={tag.Value}";
            }

            totals.AddOrUpdate(key, value, (_, total) => total + value);
        });
        listener.Start();

        var alice = await server.ConnectAsync("alice");
        try
        {
            var bob = await server.ConnectAsync("bob");
            await alice.SendAsync("hello").AsTask().WithTimeout();
            await bob.NextAsync<TextPosted>();
            await bob.LeaveAsync().WithTimeout();
            await alice.DepartureOfAsync("bob");
            await server.Server.StopAsync().WithTimeout();
            await alice.ReadToEndAsync();
        }
        finally
        {
            await alice.DisposeAsync();
            await server.DisposeAsync();
        }

        output.WriteLine(string.Join(Environment.NewLine, totals.Select(p => $"{p.Key}={p.Value}")));
        Assert.Equal(ServerMetrics.MeterName, server.Server.Metrics.Meter.Name);
        Assert.Equal(0, totals.GetValueOrDefault("chat.server.clients"));
        Assert.Equal(0, totals.GetValueOrDefault("chat.server.connections"));
        Assert.Equal(1, totals.GetValueOrDefault("chat.server.lines.posted"));
        Assert.Equal(1, totals.GetValueOrDefault("chat.server.disconnects|reason=quit"));
        Assert.Equal(1, totals.GetValueOrDefault("chat.server.disconnects|reason=server_shutdown"));

        // Two hellos, the line, bob's goodbye.
        Assert.Equal(4, totals.GetValueOrDefault("chat.server.messages.received"));

        // Two welcomes, the line to both, bob's join and departure to alice, the shutdown to alice.
        Assert.Equal(7, totals.GetValueOrDefault("chat.server.deliveries"));
    }
}
