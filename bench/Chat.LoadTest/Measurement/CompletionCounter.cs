using System.Diagnostics;

namespace Chat.LoadTest.Measurement;

/// <summary>
/// Counts down once per participant (a receiver that has every line, a client whose presence
/// is complete) and remembers when the last one arrived.
/// </summary>
internal sealed class CompletionCounter
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;
    private long _completedAt;

    public CompletionCounter(int participants)
    {
        _remaining = participants;
        if (participants <= 0)
        {
            _completedAt = Stopwatch.GetTimestamp();
            _done.TrySetResult();
        }
    }

    /// <summary>How many participants have not finished.</summary>
    public int Remaining => Math.Max(0, Volatile.Read(ref _remaining));

    /// <summary>The Stopwatch timestamp at which the last participant finished; 0 until then.</summary>
    public long CompletedAt => Volatile.Read(ref _completedAt);

    /// <summary>Completes when every participant has finished.</summary>
    public Task Completion => _done.Task;

    /// <summary>One participant has finished.</summary>
    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            Volatile.Write(ref _completedAt, Stopwatch.GetTimestamp());
            _done.TrySetResult();
        }
    }
}
