using System.Numerics;

namespace Chat.LoadTest.Measurement;

/// <summary>
/// Counts latencies in microseconds in log-linear buckets: exact below 256 µs, then 128 buckets
/// per power of two (under 0.8 % error), up to 2^41 µs (about 25 days; larger values share the
/// last bucket). Not thread-safe: each thread records into its own and the run merges them
/// (see <see cref="LatencyRecorder"/>).
/// </summary>
internal sealed class LatencyHistogram
{
    private const int LinearBuckets = 256;
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Powers = 33;

    private readonly long[] _counts = new long[LinearBuckets + (Powers * SubBuckets)];

    /// <summary>How many values were recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The largest value recorded, exactly, in microseconds.</summary>
    public long Max { get; private set; }

    /// <summary>Records one latency in microseconds; negative values count as zero.</summary>
    public void Record(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        _counts[IndexOf(value)]++;
        Count++;
        if (value > Max)
        {
            Max = value;
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>
    /// The value at or below which <paramref name="percentile"/> percent of the values fall, as the
    /// upper bound of its bucket (never above <see cref="Max"/>); 0 when nothing was recorded.
    /// </summary>
    public long Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(Count * Math.Clamp(percentile, 0, 100) / 100.0);
        rank = Math.Max(rank, 1);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBoundOf(i), Max);
            }
        }

        return Max;
    }

    private static int IndexOf(long value)
    {
        if (value < LinearBuckets)
        {
            return (int)value;
        }

        var power = 63 - BitOperations.LeadingZeroCount((ulong)value); // 8 or more
        var shift = power - SubBucketBits;                               // 1 or more
        if (shift > Powers)
        {
            return LinearBuckets + (Powers * SubBuckets) - 1;
        }

        var sub = (int)(value >> shift) - SubBuckets; // 0..127
        return LinearBuckets + ((shift - 1) * SubBuckets) + sub;
    }

    private static long UpperBoundOf(int index)
    {
        if (index < LinearBuckets)
        {
            return index;
        }

        var shift = ((index - LinearBuckets) / SubBuckets) + 1;
        var sub = (index - LinearBuckets) % SubBuckets;
        return ((long)(SubBuckets + sub + 1) << shift) - 1;
    }
}
