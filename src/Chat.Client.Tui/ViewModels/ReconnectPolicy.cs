namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// How long to wait before each reconnect attempt: doubling from <see cref="Initial"/> up to
/// <see cref="Maximum"/>, with random jitter so that many clients cut off together do not
/// all come back in the same instant.
/// </summary>
public sealed class ReconnectPolicy
{
    private readonly Func<double> _random;

    /// <summary>Creates a policy.</summary>
    /// <param name="initial">The wait before the first attempt.</param>
    /// <param name="maximum">The longest wait.</param>
    /// <param name="jitter">The fraction (0 to 1) by which a wait may be shorter or longer.</param>
    /// <param name="random">A source of numbers in [0, 1); <see cref="Random.Shared"/> when omitted.</param>
    public ReconnectPolicy(TimeSpan initial, TimeSpan maximum, double jitter = 0.2, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, initial);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 1);
        Initial = initial;
        Maximum = maximum;
        Jitter = jitter;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>1 s, 2 s, 4 s, 8 s, 16 s, then 30 s, each ±20 %.</summary>
    public static ReconnectPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>The wait before the first attempt.</summary>
    public TimeSpan Initial { get; }

    /// <summary>The longest wait, jitter included.</summary>
    public TimeSpan Maximum { get; }

    /// <summary>The fraction by which a wait may vary.</summary>
    public double Jitter { get; }

    /// <summary>The wait before attempt number <paramref name="attempt"/>.</summary>
    /// <param name="attempt">1 for the first attempt after the loss.</param>
    /// <returns>The wait, never more than <see cref="Maximum"/>.</returns>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(Initial.Ticks * Math.Pow(2, exponent), Maximum.Ticks);
        var factor = 1 + (Jitter * ((2 * _random()) - 1));
        return TimeSpan.FromTicks((long)Math.Min(ticks * factor, Maximum.Ticks));
    }
}
