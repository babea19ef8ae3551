using Chat.LoadTest.Rooms;
using Chat.Protocol;

namespace Chat.LoadTest.Tests.Rooms;

public class RoomLayoutTests
{
    [Fact]
    public void AHundredRoomsOfTenAreAThousandClients()
    {
        var layout = new RoomLayout(tag: 1234, rooms: 100, roomSize: 10);

        Assert.Equal(1000, layout.Clients);
        Assert.Equal("#lt1234-r00000", layout.NameOf(0));
        Assert.Equal("#lt1234-r00099", layout.NameOf(99));
    }

    [Fact]
    public void EveryRoomNameIsAValidRoomNameOfItsOwn()
    {
        var layout = new RoomLayout(tag: 9999, rooms: 1000, roomSize: 1);

        var names = Enumerable.Range(0, layout.Rooms).Select(layout.NameOf).ToList();

        Assert.All(names, name => Assert.Equal(RoomNameProblem.None, RoomNameRules.Check(name)));
        Assert.Equal(names.Count, names.Distinct(RoomNameRules.Comparer).Count());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 0)]
    [InlineData(10, 1)]
    [InlineData(999, 99)]
    public void ClientsFillTheRoomsInTurn(int client, int room)
    {
        var layout = new RoomLayout(tag: 1, rooms: 100, roomSize: 10);

        Assert.Equal(room, layout.RoomOf(client));
    }

    [Fact]
    public void AMemberOfARoomIsInThatRoom()
    {
        var layout = new RoomLayout(tag: 1, rooms: 7, roomSize: 3);

        for (var room = 0; room < layout.Rooms; room++)
        {
            for (var member = 0; member < layout.RoomSize; member++)
            {
                Assert.Equal(room, layout.RoomOf(layout.MemberOf(room, member)));
            }
        }
    }

    [Fact]
    public void ARoomNameReadsBackInAnyLetterCase()
    {
        var layout = new RoomLayout(tag: 4321, rooms: 50, roomSize: 2);

        Assert.True(layout.TryParse("#LT4321-R00042", out var room));
        Assert.Equal(42, room);
        Assert.True(layout.TryParse(layout.NameOf(49), out room));
        Assert.Equal(49, room);
    }

    [Theory]
    [InlineData("#lt1234-r00001")] // another run's
    [InlineData("#lt4321-r00050")] // beyond the run's rooms
    [InlineData("#lt4321-r0001x")]
    [InlineData("#lt4321-r000001")]
    [InlineData("lt4321-r00001")]
    [InlineData("")]
    public void OtherNamesAreNotTheRunsRooms(string name)
    {
        var layout = new RoomLayout(tag: 4321, rooms: 50, roomSize: 2);

        Assert.False(layout.TryParse(name, out _));
        Assert.Equal(name.Length == 0 ? RoomLayout.Lobby : RoomLayout.UnknownRoom, layout.Resolve(name, "#lobby"));
    }

    [Theory]
    [InlineData("#lobby", RoomLayout.Lobby)]
    [InlineData("#LOBBY", RoomLayout.Lobby)]
    [InlineData("", RoomLayout.Lobby)] // a receiver takes an empty room as the default room
    [InlineData("#lt4321-r00003", 3)]
    [InlineData("#general", RoomLayout.UnknownRoom)]
    public void AMessagesRoomResolvesToTheDefaultRoomOrOneOfTheRunsRooms(string room, int expected)
    {
        var layout = new RoomLayout(tag: 4321, rooms: 5, roomSize: 2);

        Assert.Equal(expected, layout.Resolve(room, "#lobby"));
    }
}
