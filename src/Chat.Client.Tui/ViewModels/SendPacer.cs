namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// Keeps the lines this client sends within the rate and burst the server announced
/// (<see cref="Chat.Protocol.Welcome.MessageRate"/>, <see cref="Chat.Protocol.Welcome.MessageBurst"/>),
/// so that a paste or fast typing is queued instead of refused: a token bucket like the
/// server's, a little stricter, because the client's own keep-alive pings count too and lines
/// may reach the server closer together than they left.
/// </summary>
/// <remarks>Not thread-safe: the view model uses it from one send loop.</remarks>
public sealed class SendPacer
{
    /// <summary>Tokens kept back for the client's keep-alive pings, which the server counts too.</summary>
    public const int ReservedForPings = 2;

    /// <summary>The share of the announced rate the pacer uses, leaving room for timing differences.</summary>
    public const double RateMargin = 0.9;

    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly double _burst;
    private double _tokens;
    private long _updated;

    /// <summary>Creates a pacer with a full bucket.</summary>
    /// <param name="messageRate">The server's announced rate, messages per second; 0 or less when none was announced.</param>
    /// <param name="messageBurst">The server's announced burst; 0 or less when none was announced.</param>
    /// <param name="time">The clock.</param>
    public SendPacer(double messageRate, int messageBurst, TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        IsUnlimited = !(messageRate > 0) || double.IsInfinity(messageRate);
        _rate = IsUnlimited ? 0 : messageRate * RateMargin;
        _burst = Math.Max(1, messageBurst - ReservedForPings);
        _tokens = _burst;
        _updated = time.GetTimestamp();
    }

    /// <summary>Whether the server announced no limit, so nothing need wait.</summary>
    public bool IsUnlimited { get; }

    /// <summary>How long to wait before the next line may be sent; <see cref="TimeSpan.Zero"/> when it may go now.</summary>
    /// <returns>The wait.</returns>
    public TimeSpan Wait()
    {
        if (IsUnlimited)
        {
            return TimeSpan.Zero;
        }

        Refill();
        return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / _rate);
    }

    /// <summary>Takes a token for a line that is being sent now. Call after <see cref="Wait"/> returned zero.</summary>
    public void Take()
    {
        if (IsUnlimited)
        {
            return;
        }

        Refill();
        _tokens -= 1;
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_updated, now).TotalSeconds * _rate));
        _updated = now;
    }
}
