namespace Chat.Protocol.Tests.Client;

public class ReconnectBackoffTests
{
    [Fact]
    public void DefaultDoublesFromOneSecondUpToThirty()
    {
        var plain = ReconnectBackoff.Default with { Jitter = 0 };
        var seconds = Enumerable.Range(1, 8).Select(a => plain.DelayBefore(a).TotalSeconds).ToArray();
        Assert.Equal(new double[] { 1, 2, 4, 8, 16, 30, 30, 30 }, seconds);
    }

    [Fact]
    public void TheMiddleOfTheJitterIsThePlainWait()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), ReconnectBackoff.Default.DelayBefore(3, new FixedRandom(0.5)));
    }

    [Theory]
    [InlineData(0.0, 3.2)]
    [InlineData(0.999999, 4.8)]
    public void JitterStaysWithinItsFraction(double random, double expectedSeconds)
    {
        Assert.Equal(expectedSeconds, ReconnectBackoff.Default.DelayBefore(3, new FixedRandom(random)).TotalSeconds, precision: 3);
    }

    [Fact]
    public void ASeededRandomGivesTheSameWaitsEveryTime()
    {
        var first = Enumerable.Range(1, 10).Select(a => ReconnectBackoff.Default.DelayBefore(a, new Random(42))).ToArray();
        var again = Enumerable.Range(1, 10).Select(a => ReconnectBackoff.Default.DelayBefore(a, new Random(42))).ToArray();
        Assert.Equal(first, again);
        Assert.All(first.Zip(Enumerable.Range(1, 10)), pair =>
        {
            var plain = Math.Min(Math.Pow(2, pair.Second - 1), 30);
            Assert.InRange(pair.First.TotalSeconds, plain * 0.8, Math.Min(plain * 1.2, 30));
        });
    }

    [Fact]
    public void NeverWaitsLongerThanTheMaximumEvenWithJitter()
    {
        var wide = ReconnectBackoff.Default with { Jitter = 0.5 };
        Assert.Equal(TimeSpan.FromSeconds(30), wide.DelayBefore(100, new FixedRandom(0.99)));
        Assert.Equal(TimeSpan.FromSeconds(30), wide.DelayBefore(int.MaxValue, new FixedRandom(0.99)));
    }

    [Fact]
    public void FactorAndDelaysAreSettings()
    {
        var backoff = ReconnectBackoff.Default with
        {
            InitialDelay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(10),
            Factor = 3,
            Jitter = 0,
        };
        Assert.Equal(
            new[] { 0.5, 1.5, 4.5, 10, 10 },
            Enumerable.Range(1, 5).Select(a => backoff.DelayBefore(a).TotalSeconds));
    }

    [Fact]
    public void AMaximumBelowTheFirstWaitIsEveryWait()
    {
        var backoff = ReconnectBackoff.Default with { MaxDelay = TimeSpan.FromMilliseconds(100), Jitter = 0 };
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.DelayBefore(1));
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.DelayBefore(5));
    }

    [Fact]
    public void RefusesAttemptZero() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectBackoff.Default.DelayBefore(0));

    [Fact]
    public void RefusesSettingsThatMakeNoSense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectBackoff.Default with { InitialDelay = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectBackoff.Default with { MaxDelay = TimeSpan.FromSeconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectBackoff.Default with { Factor = 0.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectBackoff.Default with { Factor = double.PositiveInfinity });
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectBackoff.Default with { Jitter = -0.1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectBackoff.Default with { Jitter = 1.5 });
    }

    /// <summary>A "random" source that always gives the same number, to check the jitter's bounds exactly.</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
