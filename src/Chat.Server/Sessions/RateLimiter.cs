namespace Chat.Server;

/// <summary>
/// A token bucket that limits how fast one client may send: <c>burst</c> messages at once,
/// then <c>rate</c> per second. A refused message still costs a token, so a client that keeps
/// sending while refused digs itself deeper; once it owes more than a whole burst it is
/// flooding (IRC's "excess flood") and should be disconnected.
/// </summary>
/// <remarks>Not thread-safe: each session reads its messages one at a time.</remarks>
internal sealed class RateLimiter
{
    private readonly double _rate;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _updated;

    /// <summary>Creates a limiter with a full bucket.</summary>
    /// <param name="ratePerSecond">Tokens added per second; 0 means no limit at all.</param>
    /// <param name="burst">The bucket's size: how many messages may be sent at once.</param>
    /// <param name="time">The clock.</param>
    public RateLimiter(double ratePerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratePerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentNullException.ThrowIfNull(time);
        _rate = ratePerSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _updated = time.GetTimestamp();
    }

    /// <summary>Whether this limiter limits anything.</summary>
    public bool IsUnlimited => _rate == 0;

    /// <summary>Takes a token for one message.</summary>
    /// <returns>Whether the message may go through, is refused, or shows the client flooding.</returns>
    public RateDecision Take()
    {
        if (IsUnlimited)
        {
            return RateDecision.Allowed;
        }

        var now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_updated, now).TotalSeconds * _rate));
        _updated = now;
        _tokens -= 1;
        if (_tokens >= 0)
        {
            return RateDecision.Allowed;
        }

        return _tokens < -_burst ? RateDecision.Flooding : RateDecision.Refused;
    }
}
