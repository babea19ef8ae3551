using Chat.LoadTest.Clients;

namespace Chat.LoadTest.Tests.Clients;

public class UserListSampleTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(5, 0)]
    [InlineData(-3, 10)]
    [InlineData(0, 0)]
    public void NoSampleOrNoClientsIsEmpty(int sample, int count)
    {
        Assert.Empty(UserListSample.Indices(sample, count));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 10_000)]
    public void ASampleOfOneIsTheFirstClient(int sample, int count)
    {
        Assert.Equal([0], UserListSample.Indices(sample, count));
    }

    [Fact]
    public void ASampleOfTwoIsTheFirstAndTheLast()
    {
        Assert.Equal([0, 9], UserListSample.Indices(2, 10));
    }

    [Fact]
    public void TheSampleIsSpreadEvenly()
    {
        Assert.Equal([0, 4, 9], UserListSample.Indices(3, 10));
        Assert.Equal([0, 25, 50, 75, 100], UserListSample.Indices(5, 101));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(20, 5)]
    [InlineData(int.MaxValue, 3)]
    public void ASampleAsLargeAsTheRunIsEveryClient(int sample, int count)
    {
        Assert.Equal(Enumerable.Range(0, count), UserListSample.Indices(sample, count));
    }

    [Theory]
    [InlineData(20, 100)]
    [InlineData(20, 10_000)]
    [InlineData(20, 21)]
    [InlineData(7, 99_999)]
    [InlineData(99, 100)]
    public void TheSampleHasTheSizeAskedForFromFirstToLastWithoutRepeats(int sample, int count)
    {
        var indices = UserListSample.Indices(sample, count);

        Assert.Equal(sample, indices.Count);
        Assert.Equal(0, indices[0]);
        Assert.Equal(count - 1, indices[^1]);
        for (var i = 1; i < indices.Count; i++)
        {
            Assert.True(indices[i] > indices[i - 1], $"index {i} is {indices[i]}, after {indices[i - 1]}");
        }
    }

    [Fact]
    public void TheGapsDifferByAtMostOne()
    {
        var indices = UserListSample.Indices(20, 10_000);

        var gaps = indices.Zip(indices.Skip(1), (a, b) => b - a).ToList();

        Assert.InRange(gaps.Max() - gaps.Min(), 0, 1);
    }
}
