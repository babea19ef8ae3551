using Chat.LoadTest.Rooms;

namespace Chat.LoadTest.Tests.Rooms;

public class LineCostTests
{
    [Fact]
    public void TwoRoomSizesSplitTheCostIntoAPartPerLineAndAPartPerMember()
    {
        // 100 µs per line and 10 µs per member: 200 µs in a room of 10, 10,100 µs in one of 1,000.
        var cost = LineCost.FromTwoRooms(200, 10, 10_100, 1000);

        Assert.NotNull(cost);
        Assert.Equal(100, cost.PerLine, precision: 9);
        Assert.Equal(10, cost.PerMember, precision: 9);
    }

    [Fact]
    public void AServerThatWorkedForEveryoneOnEveryLineShowsAsCostPerLine()
    {
        // Both lines cost about the same: nearly all of it is per line, next to nothing per member.
        var cost = LineCost.FromTwoRooms(10_000, 10, 10_100, 1000)!;

        Assert.True(cost.PerLine > 9_900);
        Assert.True(cost.PerMember < 0.2);
    }

    [Theory]
    [InlineData(200, 10, 10_100, 10)] // one room size
    [InlineData(200, 1000, 10_100, 10)] // the "large" room is the smaller
    [InlineData(200, 10, 150, 1000)] // the larger room cost less: noise, no model
    public void NoSplitWithoutTwoRoomSizesThatCostMoreForMoreMembers(double smallCost, int smallRoom, double largeCost, int largeRoom)
    {
        Assert.Null(LineCost.FromTwoRooms(smallCost, smallRoom, largeCost, largeRoom));
    }
}
