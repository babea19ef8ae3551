using System.Net;
using Chat.Protocol;
using Chat.Server.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Integration;

/// <summary>Refusals, evictions and wrong passwords come in floods: the log sums them up, one line per address per interval.</summary>
public class AccessLogTests
{
    private static readonly IPAddress s_otherAddress = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task RefusalsAreOneSummaryLinePerAddressPerInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        // The handshake timeout is far away, so that only the refusals fall in the interval.
        await using var server = TestServer.Start(o => o with { MaxConnectionsPerAddress = 1, TimeProvider = time, HandshakeTimeout = TimeSpan.FromHours(1) });
        await using var holder = await server.ConnectRawAsync(from: s_otherAddress);
        for (var i = 0; i < 5; i++)
        {
            await using var refused = await server.ConnectRawAsync(from: s_otherAddress);
            Assert.Equal(ErrorCode.ServerBusy, Assert.IsType<ErrorMessage>(Assert.Single((await refused.ReadToEndAsync()).Messages)).Code);
        }

        Assert.DoesNotContain(server.Logs.Entries, IsSummary);
        time.Advance(server.Server.Options.AccessLogInterval);

        var summary = Assert.Single(server.Logs.Entries, IsSummary);
        Assert.Equal("127.0.0.2 in the last 10 s: refused 5 connections (too many per address)", summary.Message);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Information && e.Message.Contains("busy", StringComparison.OrdinalIgnoreCase));

        time.Advance(server.Server.Options.AccessLogInterval);
        Assert.Single(server.Logs.Entries, IsSummary); // nothing new: no line
    }

    [Fact]
    public async Task AnEvictionIsSummedUpNotLoggedEachTime()
    {
        // A cap of one connection: the idle one holds it until alice comes.
        await using var server = TestServer.Start(o => o with { MaxClients = 1, ConnectionsBeyondRoom = 0, Exempt = TestServer.Loopback });
        await using var idle = await server.ConnectRawAsync();
        await Condition.UntilAsync(() => server.Server.Admission.PendingCount == 1, "the server has the idle connection");
        await using var alice = await server.ConnectAsync("alice");
        await idle.ReadToEndAsync();
        await idle.DisposeAsync(); // the evicted connection's close need not wait for its close timeout

        await server.Server.StopAsync().WithTimeout(); // the last summary goes out as the server stops

        var summary = Assert.Single(server.Logs.Entries, IsSummary);
        Assert.Matches(@"^127\.0\.0\.1 in the last [\d.]+ s: evicted 1 that had not said hello, to make room$", summary.Message);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Information && e.Message.Contains("Evicted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongPasswordsAreOneLinePerAddressPerMinuteAndNeverShowThePassword()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = TestServer.Start(o => o with { Password = new ServerPassword("s3cret"), PasswordDelay = TimeSpan.Zero, TimeProvider = time });
        foreach (var (from, guess) in new[] { (s_otherAddress, "guess1"), (s_otherAddress, "guess2"), (s_otherAddress, ""), (IPAddress.Loopback, "guess3") })
        {
            await using var client = await server.ConnectRawAsync(from: from);
            Assert.Equal(RejectReason.BadPassword, Assert.IsType<Rejected>(await client.HelloAsync("mallory", password: guess)).Reason);
        }

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.DoesNotContain(server.Logs.Entries, IsPasswordSummary);
        time.Advance(TimeSpan.FromSeconds(1));

        var lines = server.Logs.Entries.Where(IsPasswordSummary).Select(e => e.Message).Order().ToList();
        Assert.Equal(
            ["No password or a wrong one from 127.0.0.1 in the last 60 s: 1 times", "No password or a wrong one from 127.0.0.2 in the last 60 s: 3 times"],
            lines);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains("guess", StringComparison.Ordinal) || e.Message.Contains("s3cret", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Information && e.Message.Contains("mallory", StringComparison.Ordinal));
    }

    private static bool IsSummary(ListLoggerProvider.LogEntry entry) =>
        entry.Level == LogLevel.Warning && entry.EventId.Id == 40;

    private static bool IsPasswordSummary(ListLoggerProvider.LogEntry entry) =>
        entry.Level == LogLevel.Warning && entry.EventId.Id == 42;
}
