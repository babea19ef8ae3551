using Chat.LoadTest.Clients;

namespace Chat.LoadTest.Tests.Clients;

public class LinePhaseTests
{
    [Fact]
    public void EveryReceiverMustGetEveryLineOfEverySender()
    {
        var lines = new LinePhase(tag: 1234, senders: 10, linesPerSender: 100, receivers: 1000, window: 32);

        Assert.Equal(1234, lines.Tag);
        Assert.Equal(1000, lines.LinesPerReceiver);
        Assert.Equal(1000, lines.Stamps.Length);
        Assert.Equal(1000, lines.AllReceived.Remaining);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(99, 0)]
    [InlineData(100, 1)]
    [InlineData(999, 9)]
    public void EachSenderSendsTheSequenceNumbersOfItsBlock(int sequence, int sender)
    {
        var lines = new LinePhase(tag: 1, senders: 10, linesPerSender: 100, receivers: 5, window: 0);

        Assert.Equal(sender, lines.SenderOf(sequence));
    }

    [Fact]
    public void EverySenderHasAWindowOfItsOwn()
    {
        var lines = new LinePhase(tag: 1, senders: 3, linesPerSender: 10, receivers: 5, window: 4);

        Assert.NotNull(lines.Windows);
        Assert.Equal(3, lines.Windows.Length);
        Assert.All(lines.Windows, w => Assert.Equal(4, w.CurrentCount));
        Assert.Equal(3, lines.Windows.Distinct().Count());
    }

    [Fact]
    public void OpenLoopSendingHasNoWindows()
    {
        Assert.Null(new LinePhase(tag: 1, senders: 3, linesPerSender: 10, receivers: 5, window: 0).Windows);
    }

    [Fact]
    public void SendersTimesLinesBeyondAnIntAreRefused()
    {
        Assert.Throws<OverflowException>(() => new LinePhase(tag: 1, senders: 100_000, linesPerSender: 100_000, receivers: 1, window: 0));
    }
}
