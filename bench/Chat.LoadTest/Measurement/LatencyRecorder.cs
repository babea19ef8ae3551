using System.Diagnostics;

namespace Chat.LoadTest.Measurement;

/// <summary>
/// Collects the latencies of one run from many threads without contention: each thread
/// records into a histogram of its own, and <see cref="Snapshot"/> merges them.
/// </summary>
internal sealed class LatencyRecorder
{
    [ThreadStatic]
    private static LatencyHistogram? t_histogram;

    [ThreadStatic]
    private static LatencyRecorder? t_owner;

    private readonly List<LatencyHistogram> _histograms = [];
    private readonly Lock _lock = new();
    private readonly double _microsecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>Records the time from <paramref name="sentAt"/> to <paramref name="receivedAt"/> (Stopwatch timestamps).</summary>
    public void Record(long sentAt, long receivedAt)
    {
        var histogram = t_owner == this ? t_histogram! : Attach();
        histogram.Record((long)((receivedAt - sentAt) * _microsecondsPerTick));
    }

    /// <summary>Merges what every thread recorded so far. Call it once the receivers are done.</summary>
    public LatencyHistogram Snapshot()
    {
        var merged = new LatencyHistogram();
        lock (_lock)
        {
            foreach (var histogram in _histograms)
            {
                merged.Add(histogram);
            }
        }

        return merged;
    }

    private LatencyHistogram Attach()
    {
        var histogram = new LatencyHistogram();
        lock (_lock)
        {
            _histograms.Add(histogram);
        }

        t_histogram = histogram;
        t_owner = this;
        return histogram;
    }
}
