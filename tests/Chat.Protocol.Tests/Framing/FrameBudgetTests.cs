using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Framing;

/// <summary><see cref="ChatConnectionOptions.ReceiveFrameRate"/>: every frame received counts, and one over the budget fails the receive.</summary>
public class FrameBudgetTests
{
    // One token in a thousand seconds: nothing refills while a test runs.
    private static readonly ChatConnectionOptions s_budgetOfThree = ChatConnectionOptions.Default with { ReceiveFrameRate = 0.001, ReceiveFrameBurst = 3 };

    [Fact]
    public async Task AFrameOverTheBudgetFailsTheReceiveAsRateLimited()
    {
        var (client, server) = ChatConnection.CreatePair(s_budgetOfThree);
        await using var _ = client;
        await using var __ = server;
        for (var i = 0; i < 4; i++)
        {
            await client.SendAsync(new Pong(i)).WithTimeout();
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i, Assert.IsType<Pong>(await server.ReceiveAsync().WithTimeout()).Token);
        }

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => server.ReceiveAsync().WithTimeout());
        Assert.Equal(ErrorCode.RateLimited, ex.Code);
        Assert.Contains("every frame counts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutABudgetEveryFrameIsReceived()
    {
        var (client, server) = ChatConnection.CreatePair();
        await using var _ = client;
        await using var __ = server;
        for (var i = 0; i < 500; i++)
        {
            await client.SendAsync(new Pong(i)).WithTimeout();
        }

        for (var i = 0; i < 500; i++)
        {
            Assert.IsType<Pong>(await server.ReceiveAsync().WithTimeout());
        }
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(double.PositiveInfinity, 10)]
    [InlineData(5, 0)]
    public void ABudgetOutOfRangeIsRefused(double rate, int burst)
    {
        var options = ChatConnectionOptions.Default with { ReceiveFrameRate = rate, ReceiveFrameBurst = burst };

        Assert.Throws<ArgumentOutOfRangeException>(() => ChatConnection.CreatePair(options));
    }
}
