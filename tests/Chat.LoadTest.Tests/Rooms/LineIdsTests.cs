using Chat.LoadTest.Rooms;

namespace Chat.LoadTest.Tests.Rooms;

public class LineIdsTests
{
    [Fact]
    public void EveryReceiverThatSeesTheFirstReceiversIdAgrees()
    {
        var ids = new LineIds(3);

        Assert.True(ids.Agree(0, 41));
        Assert.True(ids.Agree(0, 41));
        Assert.True(ids.Agree(1, 0)); // 0 is an id like any other
        Assert.True(ids.Agree(1, 0));
    }

    [Fact]
    public void AnotherIdForTheSameLineDisagrees()
    {
        var ids = new LineIds(2);
        ids.Agree(1, 7);

        Assert.False(ids.Agree(1, 8));
        Assert.True(ids.Agree(1, 7));
    }

    [Fact]
    public void ReceiversOnManyThreadsAgreeOnOneId()
    {
        var ids = new LineIds(1000);

        var disagreements = 0;
        Parallel.For(0, 8, receiver =>
        {
            for (var line = 0; line < 1000; line++)
            {
                if (!ids.Agree(line, line * 10L))
                {
                    Interlocked.Increment(ref disagreements);
                }
            }
        });

        Assert.Equal(0, disagreements);
        Assert.False(ids.Agree(999, 1));
    }
}
