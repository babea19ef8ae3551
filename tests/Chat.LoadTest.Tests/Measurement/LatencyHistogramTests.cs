using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Tests.Measurement;

public class LatencyHistogramTests
{
    /// <summary>2^41 µs: the first value past the last power of two the buckets cover.</summary>
    private const long RangeEnd = 1L << 41;

    [Fact]
    public void AnEmptyHistogramReportsZero()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.Max);
        Assert.Equal(0, histogram.Percentile(50));
        Assert.Equal(0, histogram.Percentile(99));
        Assert.Equal(0, histogram.Percentile(100));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(300)]
    [InlineData(1_000_000)]
    public void OneSampleIsEveryPercentileAndTheMax(long value)
    {
        var histogram = new LatencyHistogram();

        histogram.Record(value);

        Assert.Equal(1, histogram.Count);
        Assert.Equal(value, histogram.Max);
        Assert.Equal(value, histogram.Percentile(0));
        Assert.Equal(value, histogram.Percentile(50));
        Assert.Equal(value, histogram.Percentile(99));
        Assert.Equal(value, histogram.Percentile(100));
    }

    [Fact]
    public void ValuesBelow256MicrosecondsAreExact()
    {
        var histogram = Of(Enumerable.Range(1, 100));

        Assert.Equal(100, histogram.Count);
        Assert.Equal(1, histogram.Percentile(1));
        Assert.Equal(50, histogram.Percentile(50));
        Assert.Equal(90, histogram.Percentile(90));
        Assert.Equal(99, histogram.Percentile(99));
        Assert.Equal(100, histogram.Percentile(100));
        Assert.Equal(100, histogram.Max);
    }

    [Fact]
    public void ThePercentileIsTheValueAtTheRankRoundedUp()
    {
        var histogram = Of(Enumerable.Range(1, 10));

        Assert.Equal(5, histogram.Percentile(50));  // rank 5
        Assert.Equal(6, histogram.Percentile(51));  // rank 5.1 -> 6
        Assert.Equal(10, histogram.Percentile(99)); // rank 9.9 -> 10
        Assert.Equal(1, histogram.Percentile(0));   // rank 0 counts as the first
    }

    [Fact]
    public void PercentilesOutsideZeroToHundredAreClamped()
    {
        var histogram = Of(Enumerable.Range(1, 10));

        Assert.Equal(1, histogram.Percentile(-5));
        Assert.Equal(10, histogram.Percentile(250));
    }

    [Fact]
    public void TheOrderOfRecordingDoesNotMatter()
    {
        var ascending = Of(Enumerable.Range(1, 200));
        var descending = Of(Enumerable.Range(1, 200).Reverse());

        foreach (var percentile in new[] { 1.0, 50, 90, 99, 99.9, 100 })
        {
            Assert.Equal(ascending.Percentile(percentile), descending.Percentile(percentile));
        }
    }

    [Fact]
    public void NegativeValuesCountAsZero()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(-5);
        histogram.Record(long.MinValue);

        Assert.Equal(2, histogram.Count);
        Assert.Equal(0, histogram.Max);
        Assert.Equal(0, histogram.Percentile(100));
    }

    [Theory]
    [InlineData(255, 255)]         // the last exact bucket
    [InlineData(256, 257)]         // the first bucket two wide: 256-257
    [InlineData(257, 257)]
    [InlineData(258, 259)]
    [InlineData(511, 511)]         // the last bucket two wide
    [InlineData(512, 515)]         // four wide from 512
    [InlineData(1_500, 1_503)]     // 1,496-1,503
    [InlineData(1_000_000, 1_003_519)] // 999,424-1,003,519
    public void AValueAboveTheExactRangeReportsTheUpperBoundOfItsBucket(long value, long upperBound)
    {
        // A larger second value, so that the max does not cap the lower one's bound.
        var histogram = Of([value, value * 4]);

        Assert.Equal(upperBound, histogram.Percentile(50));
    }

    [Fact]
    public void EveryValueInTheRangeIsReportedWithinOnePartIn128()
    {
        for (long value = 1; value < RangeEnd; value = (value * 17 / 16) + 1)
        {
            var histogram = Of([value, RangeEnd - 1]);

            var reported = histogram.Percentile(50);

            Assert.InRange(reported, value, value + (value / 128));
        }
    }

    [Fact]
    public void AnUpperBoundIsTheLastValueOfItsBucket()
    {
        // Up to half the range, so that the next bucket is not the last one (which also holds everything beyond).
        for (long value = 256; value < RangeEnd / 2; value = (value * 5 / 4) + 3)
        {
            var upper = Of([value, RangeEnd - 1]).Percentile(50);
            var next = Of([upper + 1, RangeEnd - 1]).Percentile(50);

            Assert.Equal(upper, Of([upper, RangeEnd - 1]).Percentile(50));
            Assert.True(next > upper, $"{upper + 1} shares the bucket of {value}, whose upper bound is {upper}");
        }
    }

    [Fact]
    public void APercentileIsNeverAboveTheMax()
    {
        // 300 lies in the bucket 300-301.
        var histogram = Of([300, 300, 300]);

        Assert.Equal(300, histogram.Percentile(50));
        Assert.Equal(300, histogram.Percentile(100));
    }

    [Fact]
    public void AnHourIsReportedWithinOnePartIn128()
    {
        const long hour = 3_600_000_000;
        var histogram = Of([hour, hour + 1]);

        Assert.InRange(histogram.Percentile(50), hour, hour + (hour / 128));
        Assert.Equal(hour + 1, histogram.Max);
    }

    [Fact]
    public void HugeValuesAreCountedAndTheMaxStaysExact()
    {
        var histogram = Of([5, 1L << 50, long.MaxValue]);

        Assert.Equal(3, histogram.Count);
        Assert.Equal(long.MaxValue, histogram.Max);
        Assert.Equal(5, histogram.Percentile(1));

        // Beyond the buckets' range the values share the last bucket: a percentile there is
        // at least the start of that bucket's power of two, and never wraps to a small value.
        Assert.InRange(histogram.Percentile(50), RangeEnd / 2, long.MaxValue);
        Assert.InRange(histogram.Percentile(100), RangeEnd / 2, long.MaxValue);
    }

    [Fact]
    public void AddSumsTheCountsAndKeepsTheLargerMax()
    {
        var low = Of(Enumerable.Range(1, 50));
        var high = Of(Enumerable.Range(51, 50));

        low.Add(high);

        Assert.Equal(100, low.Count);
        Assert.Equal(100, low.Max);
        Assert.Equal(50, low.Percentile(50));
        Assert.Equal(99, low.Percentile(99));
        Assert.Equal(50, high.Count); // the added histogram is unchanged
        Assert.Equal(51, high.Percentile(0));
    }

    [Fact]
    public void AddingAnEmptyHistogramChangesNothing()
    {
        var histogram = Of([10, 20, 30]);

        histogram.Add(new LatencyHistogram());

        Assert.Equal(3, histogram.Count);
        Assert.Equal(30, histogram.Max);
        Assert.Equal(20, histogram.Percentile(50));
    }

    private static LatencyHistogram Of(IEnumerable<int> values) => Of(values.Select(v => (long)v));

    private static LatencyHistogram Of(IEnumerable<long> values)
    {
        var histogram = new LatencyHistogram();
        foreach (var value in values)
        {
            histogram.Record(value);
        }

        return histogram;
    }
}
