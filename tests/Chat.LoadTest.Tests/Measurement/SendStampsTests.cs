using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Tests.Measurement;

public class SendStampsTests
{
    [Fact]
    public void EveryLineStartsUnsent()
    {
        var stamps = new SendStamps(3);

        Assert.Equal(3, stamps.Length);
        Assert.Equal(0, stamps.SentAt(0));
        Assert.Equal(0, stamps.SentAt(2));
    }

    [Fact]
    public void AStampIsReadBackByItsSequenceOnly()
    {
        var stamps = new SendStamps(4);

        stamps.Stamp(1, 111);
        stamps.Stamp(3, 333);

        Assert.Equal(0, stamps.SentAt(0));
        Assert.Equal(111, stamps.SentAt(1));
        Assert.Equal(0, stamps.SentAt(2));
        Assert.Equal(333, stamps.SentAt(3));
    }

    [Fact]
    public void ALaterStampReplacesAnEarlierOne()
    {
        var stamps = new SendStamps(1);

        stamps.Stamp(0, 10);
        stamps.Stamp(0, 20);

        Assert.Equal(20, stamps.SentAt(0));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void ASequenceOutsideTheRunIsNotSent(int sequence)
    {
        var stamps = new SendStamps(5);
        for (var i = 0; i < 5; i++)
        {
            stamps.Stamp(i, 1000 + i);
        }

        Assert.Equal(0, stamps.SentAt(sequence));
    }

    [Fact]
    public void ARunWithNoLinesHasNoneSent()
    {
        var stamps = new SendStamps(0);

        Assert.Equal(0, stamps.Length);
        Assert.Equal(0, stamps.SentAt(0));
    }
}
