namespace Chat.Protocol;

/// <summary>
/// How long a client waits before each attempt to join again after losing its session: growing
/// by <see cref="Factor"/> from <see cref="InitialDelay"/> up to <see cref="MaxDelay"/>, with
/// random <see cref="Jitter"/> so that many clients cut off together do not all come back in the
/// same instant. Change it with <c>with</c>: <c>ReconnectBackoff.Default with { MaxDelay = ... }</c>.
/// Give it to <see cref="ChatClientOptions.Reconnect"/> and the client reconnects by itself with
/// these waits; or use it in a loop of your own, as below, for a first connection.
/// </summary>
/// <example>
/// <code>
/// for (var attempt = 1; ; attempt++)
/// {
///     await Task.Delay(ReconnectBackoff.Default.DelayBefore(attempt), cancellationToken);
///     try { return await ChatClient.ConnectAsync(host, port, name, cancellationToken: cancellationToken); }
///     catch (ChatConnectionRefusedException) { } // The server is not back yet.
/// }
/// </code>
/// </example>
public sealed record ReconnectBackoff
{
    private readonly TimeSpan _initialDelay = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _maxDelay = TimeSpan.FromSeconds(30);
    private readonly double _factor = 2;
    private readonly double _jitter = 0.2;

    /// <summary>1 s, 2 s, 4 s, 8 s, 16 s, then 30 s, each ±20 %.</summary>
    public static ReconnectBackoff Default { get; } = new();

    /// <summary>The wait before the first attempt, before jitter. Greater than zero; 1 s by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public TimeSpan InitialDelay
    {
        get => _initialDelay;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _initialDelay = value;
        }
    }

    /// <summary>
    /// The longest wait, jitter included. Greater than zero; 30 s by default. When it is below
    /// <see cref="InitialDelay"/>, every wait is this long.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _maxDelay = value;
        }
    }

    /// <summary>How much each wait grows over the one before: 2 doubles it (the default), 1 keeps it the same.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1, or not a finite number.</exception>
    public double Factor
    {
        get => _factor;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            if (!double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The factor must be a finite number.");
            }

            _factor = value;
        }
    }

    /// <summary>
    /// The fraction, from 0 to 1, by which a wait may randomly be shorter or longer: 0.2 (the
    /// default) gives waits from 80 % to 120 % of the plain value; 0 gives the plain value.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0 or above 1.</exception>
    public double Jitter
    {
        get => _jitter;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1);
            _jitter = value;
        }
    }

    /// <summary>The wait before attempt number <paramref name="attempt"/>, with jitter from <see cref="Random.Shared"/>.</summary>
    /// <param name="attempt">1 for the first attempt after the loss, 2 for the next, and so on.</param>
    /// <returns>The wait, never more than <see cref="MaxDelay"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is less than 1.</exception>
    public TimeSpan DelayBefore(int attempt) => DelayBefore(attempt, Random.Shared);

    /// <summary>The wait before attempt number <paramref name="attempt"/>, with jitter from <paramref name="random"/>.</summary>
    /// <param name="attempt">1 for the first attempt after the loss, 2 for the next, and so on.</param>
    /// <param name="random">The source of the jitter; a seeded <see cref="Random"/> gives the same waits every time.</param>
    /// <returns>The wait, never more than <see cref="MaxDelay"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is less than 1.</exception>
    public TimeSpan DelayBefore(int attempt, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentNullException.ThrowIfNull(random);
        var plain = Math.Min(InitialDelay.Ticks * Math.Pow(Factor, attempt - 1), MaxDelay.Ticks);
        var varied = plain * (1 + (Jitter * ((2 * random.NextDouble()) - 1)));
        return TimeSpan.FromTicks((long)Math.Min(varied, MaxDelay.Ticks));
    }
}
