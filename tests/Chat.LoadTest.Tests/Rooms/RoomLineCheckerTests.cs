using Chat.LoadTest.Rooms;

namespace Chat.LoadTest.Tests.Rooms;

public class RoomLineCheckerTests
{
    // Client 12 is in room 1 (of 4 rooms of 10) and in the default room.
    private const int OwnRoom = 1;
    private static readonly RoomLayout Layout = new(tag: 1, rooms: 4, roomSize: 10);
    private static readonly RoomLinePlan Plan = new(Layout, linesPerRoom: 3, lobbyLines: 2);

    [Fact]
    public void EveryLineOfBothRoomsInOrderIsCountedOnce()
    {
        var checker = Checker();

        Assert.Equal(LineVerdict.Ok, checker.Observe(OwnRoom, 1, Plan.RoomSequence(OwnRoom, 0)));
        Assert.Equal(LineVerdict.Ok, checker.Observe(RoomLinePlan.Lobby, 500, Plan.LobbySequence(0)));
        Assert.Equal(LineVerdict.Ok, checker.Observe(OwnRoom, 2, Plan.RoomSequence(OwnRoom, 2)));
        Assert.False(checker.HasAll);
        Assert.Equal(LineVerdict.Ok, checker.Observe(OwnRoom, 3, Plan.RoomSequence(OwnRoom, 1)));
        Assert.Equal(LineVerdict.Ok, checker.Observe(RoomLinePlan.Lobby, 501, Plan.LobbySequence(1)));

        Assert.Equal((3, 2), (checker.RoomLinesReceived, checker.LobbyLinesReceived));
        Assert.True(checker.HasAll);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(RoomLayout.UnknownRoom)]
    public void ALineOfARoomTheClientIsNotInIsMisdelivered(int room)
    {
        var checker = Checker();

        Assert.Equal(LineVerdict.NotAMember, checker.Observe(room, 1, room >= 0 ? Plan.RoomSequence(room, 0) : -1));
        Assert.Equal((0, 0), (checker.RoomLinesReceived, checker.LobbyLinesReceived));
    }

    [Fact]
    public void ALineThatArrivesInAnotherRoomThanItWasPostedToIsMisdelivered()
    {
        var checker = Checker();

        Assert.Equal(LineVerdict.WrongRoom, checker.Observe(RoomLinePlan.Lobby, 1, Plan.RoomSequence(OwnRoom, 0)));
        Assert.Equal(LineVerdict.WrongRoom, checker.Observe(OwnRoom, 1, Plan.LobbySequence(0)));
        Assert.Equal(LineVerdict.WrongRoom, checker.Observe(OwnRoom, 2, Plan.RoomSequence(2, 0)));
        Assert.Equal((0, 0), (checker.RoomLinesReceived, checker.LobbyLinesReceived));
    }

    [Fact]
    public void AnIdNotAboveTheRoomsPreviousOneIsOutOfOrder()
    {
        var checker = Checker();
        checker.Observe(OwnRoom, 5, Plan.RoomSequence(OwnRoom, 0));

        Assert.Equal(LineVerdict.OutOfOrder, checker.Observe(OwnRoom, 5, Plan.RoomSequence(OwnRoom, 1)));
        Assert.Equal(LineVerdict.OutOfOrder, checker.Observe(OwnRoom, 4, Plan.RoomSequence(OwnRoom, 2)));
        Assert.Equal(3, checker.RoomLinesReceived); // they did arrive
    }

    [Fact]
    public void EachRoomHasItsOwnIds()
    {
        var checker = Checker();

        Assert.Equal(LineVerdict.Ok, checker.Observe(OwnRoom, 1, Plan.RoomSequence(OwnRoom, 0)));
        Assert.Equal(LineVerdict.Ok, checker.Observe(RoomLinePlan.Lobby, 1, Plan.LobbySequence(0)));
        Assert.Equal(LineVerdict.Ok, checker.Observe(OwnRoom, 2, Plan.RoomSequence(OwnRoom, 1)));
        Assert.Equal(LineVerdict.Ok, checker.Observe(RoomLinePlan.Lobby, 2, Plan.LobbySequence(1)));
    }

    [Fact]
    public void SkippedIdsAreAGap()
    {
        var checker = Checker();
        checker.Observe(OwnRoom, 1, Plan.RoomSequence(OwnRoom, 0));

        Assert.Equal(LineVerdict.Gap, checker.Observe(OwnRoom, 3, Plan.RoomSequence(OwnRoom, 1)));
        Assert.Equal(LineVerdict.Ok, checker.Observe(OwnRoom, 4, Plan.RoomSequence(OwnRoom, 2)));
    }

    [Fact]
    public void OtherLinesOfTheClientsRoomsKeepTheRoomsOrder()
    {
        // A warm-up line, or a person's, takes an id in the room: the next run line follows it.
        var checker = Checker();

        Assert.Equal(LineVerdict.Ok, checker.Observe(RoomLinePlan.Lobby, 10, sequence: -1));
        Assert.Equal(LineVerdict.Ok, checker.Observe(RoomLinePlan.Lobby, 11, Plan.LobbySequence(0)));
        Assert.Equal(LineVerdict.Gap, checker.Observe(RoomLinePlan.Lobby, 13, sequence: -1));
        Assert.Equal(LineVerdict.OutOfOrder, checker.Observe(RoomLinePlan.Lobby, 12, Plan.LobbySequence(1)));
        Assert.Equal(2, checker.LobbyLinesReceived);
    }

    [Fact]
    public void TheOrderCarriesOverFromOnePhaseToTheNext()
    {
        var order = new RoomOrder();
        var warmup = new RoomLineChecker(Plan, OwnRoom, order, new LineIds(Plan.TotalLines));
        warmup.Observe(OwnRoom, 7, Plan.RoomSequence(OwnRoom, 0));

        var measured = new RoomLineChecker(Plan, OwnRoom, order, new LineIds(Plan.TotalLines));

        Assert.Equal(LineVerdict.OutOfOrder, measured.Observe(OwnRoom, 7, Plan.RoomSequence(OwnRoom, 0)));
        Assert.Equal(LineVerdict.Ok, measured.Observe(OwnRoom, 8, Plan.RoomSequence(OwnRoom, 1)));
    }

    [Fact]
    public void ALineReceivedTwiceIsADuplicateAndCountsOnce()
    {
        var checker = Checker();
        checker.Observe(RoomLinePlan.Lobby, 1, Plan.LobbySequence(1));

        Assert.Equal(LineVerdict.Duplicate, checker.Observe(RoomLinePlan.Lobby, 2, Plan.LobbySequence(1)));
        Assert.Equal(1, checker.LobbyLinesReceived);
    }

    [Fact]
    public void ALineAnotherMemberSawWithAnotherIdIsAMismatch()
    {
        var ids = new LineIds(Plan.TotalLines);
        var alice = new RoomLineChecker(Plan, OwnRoom, new RoomOrder(), ids);
        var bob = new RoomLineChecker(Plan, OwnRoom, new RoomOrder(), ids);
        alice.Observe(OwnRoom, 1, Plan.RoomSequence(OwnRoom, 0));
        alice.Observe(OwnRoom, 2, Plan.RoomSequence(OwnRoom, 1));

        // Bob sees the room's first two lines the other way round: both in increasing ids, but not the room's order.
        Assert.Equal(LineVerdict.IdMismatch, bob.Observe(OwnRoom, 1, Plan.RoomSequence(OwnRoom, 1)));
        Assert.Equal(LineVerdict.IdMismatch, bob.Observe(OwnRoom, 2, Plan.RoomSequence(OwnRoom, 0)));
        Assert.Equal(2, bob.RoomLinesReceived);
    }

    [Fact]
    public void LinesOfAnotherPhaseOrRunAreNotCounted()
    {
        var checker = Checker();

        Assert.Equal(LineVerdict.Ok, checker.Observe(OwnRoom, 1, sequence: -1));
        Assert.Equal(LineVerdict.Ok, checker.Observe(OwnRoom, 2, sequence: Plan.TotalLines));
        Assert.Equal((0, 0), (checker.RoomLinesReceived, checker.LobbyLinesReceived));
    }

    private static RoomLineChecker Checker() => new(Plan, OwnRoom, new RoomOrder(), new LineIds(Plan.TotalLines));
}
