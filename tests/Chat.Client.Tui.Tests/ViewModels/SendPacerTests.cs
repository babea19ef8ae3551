using Chat.Client.Tui.ViewModels;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Client.Tui.Tests.ViewModels;

public class SendPacerTests
{
    [Fact]
    public void ABurstGoesAtOnceKeepingTwoTokensForPings()
    {
        var time = new FakeTimeProvider();
        var pacer = new SendPacer(messageRate: 5, messageBurst: 30, time);

        for (var i = 0; i < 28; i++)
        {
            Assert.Equal(TimeSpan.Zero, pacer.Wait());
            pacer.Take();
        }

        Assert.True(pacer.Wait() > TimeSpan.Zero);
    }

    [Fact]
    public void AfterTheBurstLinesGoAtJustUnderTheAnnouncedRate()
    {
        var time = new FakeTimeProvider();
        var pacer = new SendPacer(messageRate: 5, messageBurst: 3, time);
        pacer.Take();

        // One token refills in 1 / (5 * 0.9) s.
        var wait = pacer.Wait();
        Assert.Equal(TimeSpan.FromSeconds(1 / (5 * SendPacer.RateMargin)).TotalMilliseconds, wait.TotalMilliseconds, 3);
        time.Advance(wait);
        Assert.Equal(TimeSpan.Zero, pacer.Wait());
    }

    [Fact]
    public void WhatTheServerWouldAllowIsNeverExceeded()
    {
        // Replays what the pacer lets through against the server's own token bucket (rate 5, burst 30):
        // with the pacer's margin, not one line would be refused.
        var time = new FakeTimeProvider();
        var pacer = new SendPacer(5, 30, time);
        double serverTokens = 30;
        var sent = 0;
        for (var step = 0; step < 20_000; step++)
        {
            var wait = pacer.Wait();
            var tick = wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(3);
            time.Advance(tick);
            serverTokens = Math.Min(30, serverTokens + (tick.TotalSeconds * 5));
            if (pacer.Wait() == TimeSpan.Zero)
            {
                pacer.Take();
                serverTokens -= 1;
                sent++;
                Assert.True(serverTokens >= 0, $"line {sent} would be refused");
            }
        }

        Assert.True(sent > 100);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 10)]
    [InlineData(double.PositiveInfinity, 10)]
    [InlineData(double.NaN, 10)]
    public void NoAnnouncedRateMeansNoWait(double rate, int burst)
    {
        var pacer = new SendPacer(rate, burst, new FakeTimeProvider());
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(TimeSpan.Zero, pacer.Wait());
            pacer.Take();
        }

        Assert.True(pacer.IsUnlimited);
    }

    [Fact]
    public void ATinyBurstStillLetsOneLineThrough()
    {
        var pacer = new SendPacer(1, 1, new FakeTimeProvider());
        Assert.Equal(TimeSpan.Zero, pacer.Wait());
    }
}
