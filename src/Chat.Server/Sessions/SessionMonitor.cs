using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// Applies the handshake and idle timeouts to every session from one timer, rather than one
/// timer per connection: a few times per timeout it asks each session to check its clock.
/// </summary>
internal sealed class SessionMonitor : IAsyncDisposable
{
    // A silent client is pinged with the same bytes every time; it answers with a pong and the
    // answer's token does not matter, only that the client was heard from.
    private static readonly EncodedMessage s_ping = EncodedMessage.Encode(new Ping(0));

    private readonly Func<IEnumerable<ClientSession>> _sessions;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts checking.</summary>
    /// <param name="sessions">The sessions to check, read afresh at every tick.</param>
    /// <param name="options">The timeouts and the clock.</param>
    public SessionMonitor(Func<IEnumerable<ClientSession>> sessions, ChatServerOptions options)
    {
        _sessions = sessions;
        _time = options.TimeProvider;
        Interval = IntervalFor(options);
        _loop = RunAsync();
    }

    /// <summary>How often the sessions are checked.</summary>
    public TimeSpan Interval { get; }

    /// <summary>A quarter of the shortest timeout: the idle check pings at half the idle timeout.</summary>
    /// <param name="options">The timeouts.</param>
    /// <returns>The interval, at least 10 ms.</returns>
    public static TimeSpan IntervalFor(ChatServerOptions options)
    {
        var shortest = options.HandshakeTimeout;
        if (options.IdleTimeout > TimeSpan.Zero && options.IdleTimeout / 2 < shortest)
        {
            shortest = options.IdleTimeout / 2;
        }

        var interval = shortest / 4;
        return interval < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : interval;
    }

    /// <summary>Checks every session once, now.</summary>
    public void CheckAll()
    {
        var now = _time.GetTimestamp();
        foreach (var session in _sessions())
        {
            session.CheckTimeouts(now, s_ping);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                CheckAll();
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
    }
}
