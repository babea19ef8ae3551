using Chat.Protocol;
using Chat.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Integration;

public class IdleTimeoutTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("ProtocolRule", "R7.21")]
    public async Task ASilentClientIsPingedAndDroppedWhenItDoesNotAnswer()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = TestServer.Start(o => o with { IdleTimeout = Idle, TimeProvider = time, PresenceInterval = TimeSpan.Zero });
        await using var lively = await server.JoinRawAsync("lively");
        await using var silent = await server.JoinRawAsync("silent");

        // Half the idle timeout later, both are pinged.
        time.Advance(Idle / 2);
        await silent.ReceiveAsync<Ping>();
        var ping = await lively.ReceiveAsync<Ping>();

        // Only one answers. Its own ping's answer proves the server has read the pong before the clock moves on.
        await lively.SendAsync(new Pong(ping.Token));
        await lively.SendAsync(new Ping(7));
        await lively.ReceiveAsync<Pong>(pong => pong.Token == 7);

        time.Advance(Idle / 2);

        var (messages, _) = await silent.ReadToEndAsync();
        var error = Assert.IsType<ErrorMessage>(messages.Last());
        Assert.Equal((ErrorCode.IdleTimeout, true), (error.Code, error.Fatal));
        var left = await lively.ReceiveAsync<UsersLeft>();
        Assert.Equal([new Departure("silent", LeaveReason.Timeout) { Text = "No answer for 60 s." }], left.Departures);
        Assert.Equal(["lively"], server.Server.DefaultRoom.Users());
    }

    [Fact]
    public async Task ZeroIdleTimeoutNeverPingsOrDrops()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = TestServer.Start(o => o with { IdleTimeout = TimeSpan.Zero, TimeProvider = time });
        await using var silent = await server.JoinRawAsync("silent");

        time.Advance(TimeSpan.FromDays(1));

        // Were it pinged or dropped, that would arrive before the answer to this ping.
        await silent.SendAsync(new Ping(42));
        Assert.Equal(new Pong(42), await silent.ReceiveAsync());
    }

    [Fact]
    [Trait("ProtocolRule", "R7.21")]
    public async Task AClientHeardFromWithinEachIntervalStays()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = TestServer.Start(o => o with { IdleTimeout = Idle, TimeProvider = time });
        await using var alice = await server.ConnectAsync("alice");

        for (var round = 0; round < 3; round++)
        {
            time.Advance(Idle / 2);

            // Anything the client sends counts: here its own ping, whose answer shows the server read it.
            await alice.PingAsync().WithTimeout();
        }

        Assert.Equal(["alice"], server.Server.DefaultRoom.Users());
    }
}
