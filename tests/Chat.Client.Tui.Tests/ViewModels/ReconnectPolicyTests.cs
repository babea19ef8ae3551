using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

public class ReconnectPolicyTests
{
    [Fact]
    public void DoublesFromOneSecondUpToThirtyWithoutJitter()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), jitter: 0.2, random: () => 0.5);
        var seconds = Enumerable.Range(1, 8).Select(a => policy.DelayBefore(a).TotalSeconds).ToArray();
        Assert.Equal(new double[] { 1, 2, 4, 8, 16, 30, 30, 30 }, seconds);
    }

    [Theory]
    [InlineData(0.0, 3.2)]
    [InlineData(0.999999, 4.8)]
    public void JitterStaysWithinItsFraction(double random, double expectedSeconds)
    {
        var policy = new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), jitter: 0.2, random: () => random);
        Assert.Equal(expectedSeconds, policy.DelayBefore(3).TotalSeconds, precision: 3);
    }

    [Fact]
    public void NeverWaitsLongerThanTheMaximumEvenWithJitter()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), jitter: 0.5, random: () => 0.99);
        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayBefore(100));
    }

    [Fact]
    public void RefusesAttemptZero() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectPolicy.Default.DelayBefore(0));
}
