using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Sessions;

public class RateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void LetsAWholeBurstThroughAtOnce()
    {
        var limiter = new RateLimiter(ratePerSecond: 1, burst: 20, _time);

        Assert.All(Enumerable.Range(0, 20).Select(_ => limiter.Take()), decision => Assert.Equal(RateDecision.Allowed, decision));
        Assert.Equal(RateDecision.Refused, limiter.Take());
    }

    [Fact]
    public void RefillsAtTheRate()
    {
        var limiter = new RateLimiter(ratePerSecond: 2, burst: 2, _time);
        limiter.Take();
        limiter.Take();

        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(RateDecision.Allowed, limiter.Take());
        Assert.Equal(RateDecision.Refused, limiter.Take());
    }

    [Fact]
    public void NeverHoldsMoreThanABurst()
    {
        var limiter = new RateLimiter(ratePerSecond: 10, burst: 3, _time);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(3, Enumerable.Range(0, 10).TakeWhile(_ => limiter.Take() == RateDecision.Allowed).Count());
    }

    [Fact]
    public void KeepingOnWhileRefusedIsFlooding()
    {
        var limiter = new RateLimiter(ratePerSecond: 1, burst: 3, _time);
        var decisions = Enumerable.Range(0, 7).Select(_ => limiter.Take()).ToArray();

        Assert.Equal(
            [RateDecision.Allowed, RateDecision.Allowed, RateDecision.Allowed, RateDecision.Refused, RateDecision.Refused, RateDecision.Refused, RateDecision.Flooding],
            decisions);
    }

    [Fact]
    public void AClientThatWaitsAfterBeingRefusedIsForgiven()
    {
        var limiter = new RateLimiter(ratePerSecond: 1, burst: 3, _time);
        for (var i = 0; i < 6; i++)
        {
            limiter.Take();
        }

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(RateDecision.Allowed, limiter.Take());
    }

    [Fact]
    public void ZeroRateMeansUnlimited()
    {
        var limiter = new RateLimiter(ratePerSecond: 0, burst: 1, _time);

        Assert.True(limiter.IsUnlimited);
        Assert.All(Enumerable.Range(0, 10_000).Select(_ => limiter.Take()), decision => Assert.Equal(RateDecision.Allowed, decision));
    }
}
