using System.Diagnostics;
using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Tests.Measurement;

public class LatencyRecorderTests
{
    [Fact]
    public void NothingRecordedGivesAnEmptySnapshot()
    {
        var snapshot = new LatencyRecorder().Snapshot();

        Assert.Equal(0, snapshot.Count);
        Assert.Equal(0, snapshot.Percentile(50));
    }

    [Fact]
    public void RecordsTheTimeBetweenTwoStopwatchTimestampsInMicroseconds()
    {
        var recorder = new LatencyRecorder();
        const long sentAt = 1_000_000;

        recorder.Record(sentAt, sentAt + Stopwatch.Frequency);        // one second
        recorder.Record(sentAt, sentAt + (Stopwatch.Frequency / 100)); // ten milliseconds

        var snapshot = recorder.Snapshot();
        Assert.Equal(2, snapshot.Count);
        Assert.InRange(snapshot.Max, 999_999, 1_000_000); // a tick is at most a microsecond: truncation may lose one
        Assert.InRange(snapshot.Percentile(50), 9_999, 10_000 + (10_000 / 128));
    }

    [Fact]
    public void AReceiptBeforeTheSendCountsAsZero()
    {
        var recorder = new LatencyRecorder();

        recorder.Record(sentAt: 5_000, receivedAt: 1_000);

        var snapshot = recorder.Snapshot();
        Assert.Equal(1, snapshot.Count);
        Assert.Equal(0, snapshot.Max);
    }

    [Fact]
    public void TwoRecordersOnOneThreadKeepTheirSamplesApart()
    {
        var first = new LatencyRecorder();
        var second = new LatencyRecorder();
        var millisecond = Stopwatch.Frequency / 1000;

        first.Record(0, millisecond);
        second.Record(0, 2 * millisecond);
        first.Record(0, 3 * millisecond);
        second.Record(0, 4 * millisecond);
        first.Record(0, 5 * millisecond);

        var a = first.Snapshot();
        var b = second.Snapshot();
        Assert.Equal(3, a.Count);
        Assert.Equal(2, b.Count);
        Assert.InRange(a.Max, 4_999, 5_000);
        Assert.InRange(b.Max, 3_999, 4_000);
    }

    [Fact]
    public void ASnapshotIsACopyThatLaterRecordsDoNotChange()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(0, 0);

        var before = recorder.Snapshot();
        recorder.Record(0, Stopwatch.Frequency);

        Assert.Equal(1, before.Count);
        Assert.Equal(0, before.Max);
        Assert.Equal(2, recorder.Snapshot().Count);
    }

    [Fact]
    public async Task RecordsFromManyThreadsAreAllCounted()
    {
        const int threads = 4;
        const int perThread = 25_000;
        var recorder = new LatencyRecorder();
        var microsecond = Stopwatch.Frequency / 1_000_000.0;

        // Dedicated threads (LongRunning), released together, so that each one records into a
        // histogram of its own while the others do too.
        using var start = new Barrier(threads);
        var recording = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TestTimeout.Value);
                for (var i = 0; i < perThread; i++)
                {
                    // Thread t records t * 1000 + (0..999) microseconds, over and over.
                    var micros = (t * 1000) + (i % 1000);
                    recorder.Record(0, (long)Math.Ceiling(micros * microsecond));
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));
        await Task.WhenAll(recording).WithTimeout();

        var snapshot = recorder.Snapshot();
        Assert.Equal(threads * perThread, snapshot.Count);
        Assert.InRange(snapshot.Max, ((threads - 1) * 1000) + 998, ((threads - 1) * 1000) + 999);

        // Half the samples are below 2,000 µs (threads 0 and 1), the other half from 2,000 up.
        Assert.InRange(snapshot.Percentile(50), 1_998, 1_999 + (1_999 / 128));
        Assert.InRange(snapshot.Percentile(1), 38, 40);
    }
}
