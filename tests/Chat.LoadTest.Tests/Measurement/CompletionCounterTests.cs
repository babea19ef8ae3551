using System.Diagnostics;
using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Tests.Measurement;

public class CompletionCounterTests
{
    [Fact]
    public void CountsDownAndCompletesWithTheLastParticipant()
    {
        var counter = new CompletionCounter(3);

        counter.Signal();
        counter.Signal();

        Assert.Equal(1, counter.Remaining);
        Assert.False(counter.Completion.IsCompleted);
        Assert.Equal(0, counter.CompletedAt);

        var before = Stopwatch.GetTimestamp();
        counter.Signal();
        var after = Stopwatch.GetTimestamp();

        Assert.Equal(0, counter.Remaining);
        Assert.True(counter.Completion.IsCompletedSuccessfully);
        Assert.InRange(counter.CompletedAt, before, after);
    }

    [Fact]
    public void ExtraSignalsNeitherCompleteAgainNorMoveTheTime()
    {
        var counter = new CompletionCounter(1);
        counter.Signal();
        var completedAt = counter.CompletedAt;

        counter.Signal();
        counter.Signal();

        Assert.Equal(0, counter.Remaining);
        Assert.Equal(completedAt, counter.CompletedAt);
        Assert.True(counter.Completion.IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void NoParticipantsCompletesAtOnce(int participants)
    {
        var counter = new CompletionCounter(participants);

        Assert.True(counter.Completion.IsCompletedSuccessfully);
        Assert.Equal(0, counter.Remaining);
        Assert.NotEqual(0, counter.CompletedAt);
    }

    [Fact]
    public async Task SignalsFromManyThreadsAreEachCounted()
    {
        const int participants = 10_000;
        var counter = new CompletionCounter(participants);

        await Task.Run(() => Parallel.For(0, participants - 1, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => counter.Signal()))
            .WithTimeout();

        Assert.Equal(1, counter.Remaining);
        Assert.False(counter.Completion.IsCompleted);

        counter.Signal();
        await counter.Completion.WithTimeout();
        Assert.NotEqual(0, counter.CompletedAt);
    }

    [Fact]
    public async Task CompletedAtIsSetWhenTheCompletionIsSeen()
    {
        var counter = new CompletionCounter(1);
        var seen = counter.Completion.ContinueWith(
            _ => counter.CompletedAt,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        await Task.Run(counter.Signal).WithTimeout();

        Assert.NotEqual(0, await seen.WithTimeout());
    }
}
