using Chat.Protocol;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Rooms;

public sealed class RoomRegistryTests : IAsyncDisposable
{
    private readonly RoomRegistry _rooms;

    public RoomRegistryTests()
    {
        var options = ChatServerOptions.Default with { TimeProvider = new FakeTimeProvider(), MaxRooms = 4, Rooms = ["#ops", "#OPS"] };
        _rooms = new RoomRegistry(options, new InMemoryRoomLogStore(options.HistoryLength, options.TimeProvider));
    }

    public ValueTask DisposeAsync() => _rooms.DisposeAsync();

    [Fact]
    public void TheOperatorsRoomsExistFromTheStart()
    {
        Assert.Equal("#lobby", _rooms.Default.Name);
        Assert.Equal(["#lobby", "#ops"], _rooms.All().Select(room => room.Name));
        Assert.All(_rooms.All(), room => Assert.Equal(RoomKind.Operator, room.Kind));
        Assert.Same(_rooms.Find("#OPS"), _rooms.Find(" #ops "));
    }

    [Fact]
    [Trait("ProtocolRule", "R8.9")]
    public async Task RoomsAreCreatedOnceWithinTheLimit()
    {
        var first = await _rooms.OpenAsync("#Dev", RoomKind.User);
        var again = await _rooms.OpenAsync("#dev", RoomKind.User);
        await _rooms.OpenAsync("#four", RoomKind.User);

        Assert.Same(first.Room, again.Room);
        Assert.Equal("#Dev", first.Room!.Name);
        Assert.Equal(new RoomOpening(null, ErrorCode.TooManyRooms), await _rooms.OpenAsync("#five", RoomKind.Operator));
        Assert.Equal(4, _rooms.Count);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.41")]
    public async Task OnlyAnEmptyUsersRoomIsRetiredAndAJoinerThenFindsItClosed()
    {
        var dev = (await _rooms.OpenAsync("#dev", RoomKind.User)).Room!;
        var member = new Member();
        dev.Join(member);

        await _rooms.RetireIfEmptyAsync(dev);
        await _rooms.RetireIfEmptyAsync(_rooms.Default);
        Assert.Same(dev, _rooms.Find("#dev"));

        dev.Leave(member, LeaveReason.Parted, string.Empty);
        await _rooms.RetireIfEmptyAsync(dev);

        Assert.Null(_rooms.Find("#dev"));
        Assert.Equal(JoinOutcome.Closed, dev.Join(member).Outcome);
        Assert.NotSame(dev, (await _rooms.OpenAsync("#dev", RoomKind.User)).Room);
        Assert.Same(_rooms.Default, _rooms.Find("#lobby"));
    }

    private sealed class Member : IRoomMember
    {
        public string Name => "alice";

        public bool ReceivesPresence => true;

        public bool SpeaksRooms => true;

        public string AwayText => string.Empty;

        public void Deliver(EncodedMessage message)
        {
        }

        public void Remove(LeaveReason reason, string text, EncodedMessage farewell) => throw new InvalidOperationException();
    }
}
