namespace Chat.Server.Tests.History;

public class LogRingTests
{
    [Fact]
    public void KeepsTheNewestEntriesOldestFirst()
    {
        var ring = new LogRing<string>(3);

        Assert.Null(ring.Add("a"));
        Assert.Null(ring.Add("b"));
        Assert.Null(ring.Add("c"));
        Assert.Equal("a", ring.Add("d"));
        Assert.Equal("b", ring.Add("e"));

        Assert.Equal(3, ring.Count);
        Assert.Equal(["c", "d", "e"], Enumerable.Range(0, ring.Count).Select(i => ring[i]));
    }

    [Fact]
    public void ARingOfNoEntriesLosesEachAtOnce()
    {
        var ring = new LogRing<string>(0);

        Assert.Equal("a", ring.Add("a"));
        Assert.Equal(0, ring.Count);
    }

    [Fact]
    public void WrapsManyTimesWithoutLosingOrder()
    {
        var ring = new LogRing<string>(4);
        for (var i = 0; i < 1003; i++)
        {
            var lost = ring.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(i >= 4 ? (i - 4).ToString(System.Globalization.CultureInfo.InvariantCulture) : null, lost);
        }

        Assert.Equal(["999", "1000", "1001", "1002"], Enumerable.Range(0, ring.Count).Select(i => ring[i]));
    }
}
