namespace Chat.LoadTest.Clients.Epoll;

/// <summary>
/// The receive loops of one fleet of <see cref="EpollLoadClient"/>s: each client is handed to the
/// next loop in turn. Disposing stops them all and waits (bounded) for their threads, which end
/// every session still open; no thread outlives the fleet.
/// </summary>
internal sealed class ReceiveLoops : IDisposable
{
    /// <summary>How long disposing waits for each thread: a few of its waits.</summary>
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromMilliseconds(10 * ReceiveLoop.WaitMilliseconds);

    private readonly ReceiveLoop[] _loops;
    private int _next = -1;
    private int _disposed;

    /// <param name="count">How many loops (threads), at least 1.</param>
    public ReceiveLoops(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _loops = new ReceiveLoop[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                _loops[i] = new ReceiveLoop(i);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<ReceiveLoop> Loops => _loops;

    /// <summary>The first loop failure, if a loop stopped before it was asked to.</summary>
    public string? Failure => _loops.Select(l => l?.Failure).FirstOrDefault(f => f is not null);

    /// <summary>The loop the next client is handed to.</summary>
    public ReceiveLoop Next() => _loops[(int)((uint)Interlocked.Increment(ref _next) % (uint)_loops.Length)];

    /// <summary>Stops every loop and waits for its thread (see <see cref="JoinTimeout"/>). Safe to call twice.</summary>
    /// <exception cref="InvalidOperationException">A thread did not end in time.</exception>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var loop in _loops)
        {
            loop?.RequestStop();
        }

        var stuck = _loops.Count(loop => loop is not null && !loop.Join(JoinTimeout));
        if (stuck > 0)
        {
            throw new InvalidOperationException($"{stuck} receive thread(s) did not stop within {JoinTimeout.TotalSeconds:0.#} s.");
        }
    }
}
