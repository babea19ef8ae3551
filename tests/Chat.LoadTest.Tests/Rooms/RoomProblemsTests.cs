using Chat.LoadTest.Rooms;

namespace Chat.LoadTest.Tests.Rooms;

public class RoomProblemsTests
{
    [Fact]
    public void NothingIsCountedForALineThatIsRight()
    {
        var problems = new RoomProblems();

        problems.Add(LineVerdict.Ok, client: 1, "#lobby", id: 1);

        Assert.All(Enum.GetValues<LineVerdict>(), verdict => Assert.Equal(0, problems.Count(verdict)));
        Assert.Equal((0, 0), (problems.Misdelivered, problems.Disordered));
    }

    [Fact]
    public void LinesOutsideTheirRoomAreMisdeliveredAndLinesOutOfTheRoomsOrderDisordered()
    {
        var problems = new RoomProblems();

        problems.Add(LineVerdict.NotAMember, 1, "#lt0001-r00002", 5);
        problems.Add(LineVerdict.WrongRoom, 2, "#lobby", 6);
        problems.Add(LineVerdict.OutOfOrder, 3, "#lobby", 7);
        problems.Add(LineVerdict.Gap, 3, "#lobby", 9);
        problems.Add(LineVerdict.IdMismatch, 4, "#lobby", 10);
        problems.Add(LineVerdict.Duplicate, 4, "#lobby", 11);

        Assert.Equal(2, problems.Misdelivered);
        Assert.Equal(3, problems.Disordered);
        Assert.Equal(1, problems.Count(LineVerdict.Duplicate));
    }

    [Fact]
    public void TheFirstOfEachKindIsDescribed()
    {
        var problems = new RoomProblems();

        problems.Add(LineVerdict.Gap, 3, "#lobby", 9);
        problems.Add(LineVerdict.Gap, 4, "#lobby", 12);
        problems.Add(LineVerdict.NotAMember, 5, "", 1);
        problems.AddForeignPresence(6, "#lt0001-r00003");

        Assert.Equal("client 3, line 9 of #lobby", problems.First(LineVerdict.Gap));
        Assert.Equal("client 5, line 1 of \"\"", problems.First(LineVerdict.NotAMember));
        Assert.Null(problems.First(LineVerdict.OutOfOrder));
        Assert.Equal(1, problems.ForeignPresence);
        Assert.Equal("client 6, #lt0001-r00003", problems.FirstForeignPresence);
    }
}
