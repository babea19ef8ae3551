using System.Diagnostics;

namespace Chat.Protocol.Internal;

/// <summary>
/// The budget of frames a connection accepts from its peer (<see cref="ChatConnectionOptions.ReceiveFrameRate"/>):
/// a token bucket of <c>burst</c> tokens, refilled at <c>rate</c> a second; every frame takes one,
/// and a frame that finds the bucket empty is over the budget.
/// </summary>
/// <remarks>Not thread-safe: a connection has one reader.</remarks>
internal sealed class FrameBudget
{
    private readonly double _rate;
    private readonly double _burst;
    private double _tokens;
    private long _updated;

    private FrameBudget(double rate, int burst)
    {
        _rate = rate;
        _burst = burst;
        _tokens = burst;
        _updated = Stopwatch.GetTimestamp();
    }

    /// <summary>The budget the options ask for, or <see langword="null"/> when they set none.</summary>
    public static FrameBudget? For(ChatConnectionOptions options) =>
        options.ReceiveFrameRate > 0 ? new FrameBudget(options.ReceiveFrameRate, options.ReceiveFrameBurst) : null;

    /// <summary>Takes one frame from the budget.</summary>
    /// <exception cref="ChatProtocolException">The frame is over the budget (<see cref="ErrorCode.RateLimited"/>).</exception>
    public void Take()
    {
        var now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (Stopwatch.GetElapsedTime(_updated, now).TotalSeconds * _rate));
        _updated = now;
        if (_tokens < 1)
        {
            throw new ChatProtocolException(
                $"You sent more frames than the server allows (at most {_burst:0} at once, then {_rate:0.##} a second; every frame counts, pongs and unknown ones too), and were disconnected.",
                ErrorCode.RateLimited);
        }

        _tokens -= 1;
    }
}
