/// <summary>
/// A token bucket: up to <c>burst</c> sends at once, then <c>perSecond</c>. The server's own limit
/// (by default 5 a second after a burst of 30) is not advertised, so a sample starts below it. When
/// the server still says it is too fast, the sample pauses and halves its rate (once for a burst of
/// refusals), so that it never owes the server so much that it is disconnected for flooding.
/// Shared by EchoBot and LineClient (each project compiles this file).
/// </summary>
internal sealed class Pacer(double perSecond, int burst)
{
    private readonly Lock _lock = new();
    private double _perSecond = perSecond;
    private double _tokens = burst;
    private long _updated = TimeProvider.System.GetTimestamp();
    private long _slowedDown;

    /// <summary>Takes a token, first waiting for one to be there.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = TimeProvider.System.GetTimestamp();
                _tokens = Math.Min(burst, _tokens + (TimeProvider.System.GetElapsedTime(_updated, now).TotalSeconds * _perSecond));
                _updated = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
            }

            // Pacing, not waiting for an event: the next token is this far away (unless SlowDown
            // pushes it further meanwhile, which the next turn of the loop sees).
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>The server refused a send as too fast: pause, and halve the rate.</summary>
    public void SlowDown()
    {
        lock (_lock)
        {
            var now = TimeProvider.System.GetTimestamp();
            if (_slowedDown != 0 && TimeProvider.System.GetElapsedTime(_slowedDown, now) < TimeSpan.FromSeconds(1))
            {
                return; // The same burst of refusals: the server's answers to what was already sent.
            }

            _slowedDown = now;
            _perSecond = Math.Max(_perSecond / 2, 0.1);
            _tokens = Math.Min(_tokens, 0) - 1;
        }
    }
}
