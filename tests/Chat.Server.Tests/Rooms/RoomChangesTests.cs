using Chat.Protocol;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Rooms;

/// <summary>Topics, renames and away notices in one room, for version-2 and version-1 members.</summary>
public sealed class RoomChangesTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly Room _room;

    public RoomChangesTests()
    {
        var options = ChatServerOptions.Default with { TimeProvider = _time, HistoryLength = 0 };
        _room = new Room("#lobby", RoomKind.Operator, new InMemoryRoomLog("#lobby", 0, _time), options, new LocalRoomBroadcaster());
    }

    public ValueTask DisposeAsync() => _room.DisposeAsync();

    [Fact]
    [Trait("ProtocolRule", "R7.17")]
    public void ARenameIsUserRenamedForVersionTwoAndADepartureAndAJoinForVersionOne()
    {
        var alice = Join(new Member("alice", speaksRooms: true));
        var old = Join(new Member("old", speaksRooms: false));
        var bot = Join(new Member("bot", speaksRooms: false, receivesPresence: false));
        _time.Advance(TimeSpan.FromSeconds(1));
        Clear(alice, old, bot);

        alice.Name = "alicia";
        Assert.True(_room.Rename(alice, "alice"));

        Assert.Equal([new UserRenamed("#lobby", "alice", "alicia")], alice.Received);
        Assert.Collection(
            old.Received,
            m => Assert.Equal(new Departure("alice", LeaveReason.Renamed) { Text = "alicia" }, Assert.Single(Assert.IsType<UsersLeft>(m).Departures)),
            m => Assert.Equal(["alicia"], Assert.IsType<UsersJoined>(m).UserNames));
        Assert.Empty(bot.Received);
        Assert.Equal(["alicia", "bot", "old"], _room.Users());
        Assert.True(_room.Post(alice, "renamed", TextKind.Plain));
        Assert.Equal("alicia", Assert.IsType<TextPosted>(bot.Received.Single()).Author);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.10")]
    public void ARenameSendsThePendingJoinsFirstSoEveryListStaysExact()
    {
        var watcher = Join(new Member("watcher", speaksRooms: false));
        _time.Advance(TimeSpan.FromSeconds(1));
        Clear(watcher);
        var alice = Join(new Member("alice", speaksRooms: true));

        alice.Name = "alicia";
        _room.Rename(alice, "alice");

        var known = new HashSet<string>(["watcher"], UserNameRules.Comparer);
        foreach (var message in watcher.Received)
        {
            switch (message)
            {
                case UsersJoined joined:
                    Assert.All(joined.UserNames, name => Assert.True(known.Add(name), $"told again that {name} joined"));
                    break;
                case UsersLeft left:
                    Assert.All(left.Departures, d => Assert.True(known.Remove(d.UserName), $"told that {d.UserName} left, unknown"));
                    break;
            }
        }

        Assert.Equal(_room.Users(), known.Order(UserNameRules.Comparer));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.45")]
    public void AwayAndTopicReachVersionTwoMembersOnlyAndShowInTheNextJoin()
    {
        var alice = Join(new Member("alice", speaksRooms: true));
        var old = Join(new Member("old", speaksRooms: false));
        _time.Advance(TimeSpan.FromSeconds(1));
        Clear(alice, old);

        alice.AwayText = "lunch";
        Assert.True(_room.AnnounceAway(alice));
        Assert.True(_room.SetTopic(null, "Be kind"));
        Assert.False(_room.SetTopic(new Member("stranger", speaksRooms: true), "mine"));

        Assert.Equal(new UserAway("#lobby", "alice", "lunch"), alice.Received[0]);
        Assert.Equal(("Be kind", "Server"), (((TopicChanged)alice.Received[1]).Topic, ((TopicChanged)alice.Received[1]).SetBy));
        Assert.Empty(old.Received);

        var joined = _room.Join(new Member("carol", speaksRooms: true));
        Assert.Equal(("Be kind", "alice"), (joined.Topic, Assert.Single(joined.AwayUsers)));
        Assert.Equal(new RoomInfo("#lobby", 3, "Be kind"), _room.Info());
    }

    private Member Join(Member member)
    {
        Assert.Equal(JoinOutcome.Joined, _room.Join(member).Outcome);
        return member;
    }

    private static void Clear(params Member[] members)
    {
        foreach (var member in members)
        {
            member.Received.Clear();
        }
    }

    private sealed class Member(string name, bool speaksRooms, bool receivesPresence = true) : IRoomMember
    {
        public string Name { get; set; } = name;

        public bool ReceivesPresence => receivesPresence;

        public bool SpeaksRooms => speaksRooms;

        public string AwayText { get; set; } = string.Empty;

        public List<ChatMessage> Received { get; } = [];

        public void Deliver(EncodedMessage message) => Received.Add(message.Message);

        public void Remove(LeaveReason reason, string text, EncodedMessage farewell) => throw new InvalidOperationException();
    }
}
