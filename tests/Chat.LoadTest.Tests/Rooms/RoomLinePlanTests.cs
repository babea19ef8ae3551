using Chat.LoadTest.Rooms;

namespace Chat.LoadTest.Tests.Rooms;

public class RoomLinePlanTests
{
    private static readonly RoomLayout Layout = new(tag: 1, rooms: 100, roomSize: 10);

    [Fact]
    public void RoomLinesComeFirstThenTheDefaultRoomsLines()
    {
        var plan = new RoomLinePlan(Layout, linesPerRoom: 100, lobbyLines: 50);

        Assert.Equal(10_000, plan.RoomLines);
        Assert.Equal(10_050, plan.TotalLines);
        Assert.Equal(0, plan.TargetOf(plan.RoomSequence(0, 0)));
        Assert.Equal(99, plan.TargetOf(plan.RoomSequence(99, 99)));
        Assert.Equal(RoomLinePlan.Lobby, plan.TargetOf(plan.LobbySequence(0)));
        Assert.Equal(RoomLinePlan.Lobby, plan.TargetOf(plan.LobbySequence(49)));
        Assert.True(plan.Contains(10_049));
        Assert.False(plan.Contains(10_050));
        Assert.False(plan.Contains(-1));
    }

    [Fact]
    public void ARoomLineReachesTheRoomsMembersAndADefaultRoomLineEveryone()
    {
        var plan = new RoomLinePlan(Layout, linesPerRoom: 100, lobbyLines: 50);

        Assert.Equal(100_000, plan.RoomDeliveries);
        Assert.Equal(50_000, plan.LobbyDeliveries);
    }

    [Fact]
    public void ARoomsMembersPostItsLinesInTurn()
    {
        var plan = new RoomLinePlan(Layout, linesPerRoom: 25, lobbyLines: 0);

        var senders = Enumerable.Range(0, 25).Select(line => plan.SenderOf(plan.RoomSequence(7, line))).ToList();

        Assert.All(senders, sender => Assert.Equal(7, Layout.RoomOf(sender)));
        Assert.Equal(Enumerable.Range(70, 10), senders.Take(10));
        Assert.Equal(70, senders[10]);
    }

    [Fact]
    public void TheDefaultRoomsLinesComeFromEveryRoomBeforeOneRepeats()
    {
        var plan = new RoomLinePlan(Layout, linesPerRoom: 1, lobbyLines: 1000);

        var senders = Enumerable.Range(0, 1000).Select(line => plan.SenderOf(plan.LobbySequence(line))).ToList();

        Assert.Equal(Enumerable.Range(0, 100), senders.Take(100).Select(Layout.RoomOf));
        Assert.Equal(1000, senders.Distinct().Count());
    }

    [Fact]
    public void LinesBeyondTheLinePrefixAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RoomLinePlan(Layout, linesPerRoom: 10_000_000, lobbyLines: 0));
    }
}
