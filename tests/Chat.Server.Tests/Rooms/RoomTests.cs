using Chat.Protocol;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Chat.Server.Tests.Rooms;

public sealed class RoomTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly Mock<IRoomBroadcaster> _broadcaster = new();
    private readonly List<(EncodedMessage Message, IRoomMember[] Except)> _published = [];
    private readonly List<(IRoomMember To, EncodedMessage Message)> _sent = [];
    private const string Lobby = "#lobby";

    private readonly Room _room;

    public RoomTests()
    {
        _broadcaster.Setup(b => b.Publish(It.IsAny<EncodedMessage>(), It.IsAny<IReadOnlySet<IRoomMember>?>(), It.IsAny<Audience>()))
            .Callback<EncodedMessage, IReadOnlySet<IRoomMember>?, Audience>((message, except, _) => _published.Add((message, except?.ToArray() ?? [])));
        _broadcaster.Setup(b => b.Send(It.IsAny<IRoomMember>(), It.IsAny<EncodedMessage>()))
            .Callback<IRoomMember, EncodedMessage>((to, message) => _sent.Add((to, message)));
        _room = CreateRoom(ChatServerOptions.Default);
    }

    private IEnumerable<ChatMessage> Published => _published.Select(p => p.Message.Message);

    public void Dispose() => _room.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Fact]
    public void PostGivesEachLineTheNextIdAndTheClocksTimeAndPublishesItOnce()
    {
        var alice = Join("alice");
        var first = Post(_room, alice, "hello", TextKind.Plain);
        _time.Advance(TimeSpan.FromSeconds(3));
        var second = Post(_room, alice, "waves", TextKind.Action);

        Assert.Equal(new TextPosted(1, "alice", "hello", Start.UtcDateTime) { Kind = TextKind.Plain, Room = Lobby }, first);
        Assert.Equal(new TextPosted(2, "alice", "waves", Start.UtcDateTime.AddSeconds(3)) { Kind = TextKind.Action, Room = Lobby }, second);
        Assert.Equal(DateTimeKind.Utc, first.Timestamp.Kind);
        Assert.Equal([first, second], Published.OfType<TextPosted>());
        _broadcaster.Verify(b => b.Publish(It.Is<EncodedMessage>(m => m.Message == first), null, Audience.Everyone), Times.Once);
        _broadcaster.Verify(b => b.Publish(It.Is<EncodedMessage>(m => m.Message == second), null, Audience.Everyone), Times.Once);
    }

    [Fact]
    public void PublishedBytesAreTheEncodingOfTheLine()
    {
        var alice = Join("alice");
        var line = Post(_room, alice, "hello", TextKind.Plain);

        var encoded = _published.Single(p => p.Message.Message is TextPosted).Message;
        Assert.Equal(MessageSerializer.ToFrame(line), encoded.Frame.ToArray());
    }

    [Fact]
    public void NewcomerIsAnnouncedBeforeItsFirstLineEvenWithinTheInterval()
    {
        Join("alice");
        _time.Advance(Interval);
        var bob = Join("bob");
        Assert.True(_room.Post(bob.Object, "hi all", TextKind.Plain));

        Assert.Collection(
            Published,
            m => Assert.Equal(["alice"], Assert.IsType<UsersJoined>(m).UserNames),
            m => Assert.Equal(["bob"], Assert.IsType<UsersJoined>(m).UserNames),
            m => Assert.Equal("hi all", Assert.IsType<TextPosted>(m).Text));
    }

    [Fact]
    public void LastLineComesBeforeTheDeparture()
    {
        var alice = Join("alice");
        _time.Advance(Interval);
        Assert.True(_room.Post(alice.Object, "bye all", TextKind.Plain));
        Assert.True(_room.Leave(alice.Object, LeaveReason.Quit, "see you"));
        _time.Advance(Interval);

        Assert.Collection(
            Published.Skip(1),
            m => Assert.Equal("bye all", Assert.IsType<TextPosted>(m).Text),
            m => Assert.Equal([new Departure("alice", LeaveReason.Quit) { Text = "see you" }], Assert.IsType<UsersLeft>(m).Departures));
    }

    [Fact]
    public void JoinsWithinOneIntervalAreAnnouncedInOneNoticeInJoinOrder()
    {
        var names = Enumerable.Range(0, 100).Select(i => $"user{i}").ToArray();
        var members = names.Select(name => Join(name)).ToArray();
        Assert.Empty(_published);

        _time.Advance(Interval);

        var (message, except) = Assert.Single(_published);
        Assert.Equal(names, Assert.IsType<UsersJoined>(message.Message).UserNames);

        // The joiners are not sent the whole batch: each welcome listed the batch up to its own
        // name, so each joiner hears only of those who came after it, and the last one of nobody.
        Assert.Equal(members.Select(m => m.Object).ToHashSet(), except.ToHashSet());
        Assert.Equal(members.Length - 1, _sent.Count);
        for (var i = 0; i < members.Length - 1; i++)
        {
            var (to, notice) = _sent[i];
            Assert.Same(members[i].Object, to);
            Assert.Equal(names[(i + 1)..], Assert.IsType<UsersJoined>(notice.Message).UserNames);
        }
    }

    [Fact]
    public async Task ABatchNeverGrowsPastTheLimit()
    {
        await using var room = CreateRoom(ChatServerOptions.Default with { MaxPresenceBatch = 10 });
        for (var i = 0; i < 25; i++)
        {
            room.Join(Member($"user{i}").Object);
        }

        _time.Advance(Interval);

        Assert.Equal([10, 10, 5], Published.Select(m => Assert.IsType<UsersJoined>(m).UserNames.Count));
    }

    [Fact]
    public async Task ALargeRoomGathersPresenceForLongerToKeepWithinItsDeliveryBudget()
    {
        // 50 deliveries a second: a room of 20 waits 20 / 50 = 400 ms rather than the 100 ms interval.
        await using var room = CreateRoom(ChatServerOptions.Default with { PresenceDeliveriesPerSecond = 50, MaxPresenceBatch = 1000 });
        for (var i = 0; i < 19; i++)
        {
            room.Join(Member($"user{i}").Object);
        }

        _time.Advance(TimeSpan.FromMilliseconds(400)); // the first join armed the timer for a room of 1: 100 ms
        Assert.Equal(19, Assert.IsType<UsersJoined>(Assert.Single(Published)).UserNames.Count);

        room.Join(Member("late").Object);
        _time.Advance(TimeSpan.FromMilliseconds(399));
        Assert.Single(Published);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["late"], Assert.IsType<UsersJoined>(Published.Last()).UserNames);
    }

    [Fact]
    public async Task WithoutADeliveryBudgetTheIntervalStaysFixed()
    {
        await using var room = CreateRoom(ChatServerOptions.Default with { PresenceDeliveriesPerSecond = 0 });
        for (var i = 0; i < 500; i++)
        {
            room.Join(Member($"user{i}").Object);
        }

        _time.Advance(Interval);
        room.Join(Member("late").Object);
        _time.Advance(Interval);

        Assert.Equal([500, 1], Published.Select(m => Assert.IsType<UsersJoined>(m).UserNames.Count));
    }

    [Fact]
    public async Task ZeroIntervalAnnouncesEachChangeAtOnce()
    {
        await using var room = CreateRoom(ChatServerOptions.Default with { PresenceInterval = TimeSpan.Zero });
        var alice = Member("alice");
        room.Join(alice.Object);
        room.Leave(alice.Object, LeaveReason.Quit, string.Empty);

        Assert.Collection(Published, m => Assert.IsType<UsersJoined>(m), m => Assert.IsType<UsersLeft>(m));
    }

    [Fact]
    public void AChangeFromJoinsToDeparturesSendsTheJoinsFirst()
    {
        var alice = Join("alice");
        Join("bob");
        _room.Leave(alice.Object, LeaveReason.Timeout, "No answer for 60 s.");

        var joined = Assert.IsType<UsersJoined>(Assert.Single(Published));
        Assert.Equal(["alice", "bob"], joined.UserNames);

        _time.Advance(Interval);
        var left = Assert.IsType<UsersLeft>(Published.Last());
        Assert.Equal([new Departure("alice", LeaveReason.Timeout) { Text = "No answer for 60 s." }], left.Departures);
    }

    [Fact]
    public void SomeoneWhoLeftAndCameBackIsPresentForEveryone()
    {
        var alice = Join("alice");
        Join("bob");
        _time.Advance(Interval);
        _room.Leave(alice.Object, LeaveReason.Error, "Connection lost.");
        Join("Alice");
        _time.Advance(Interval);

        // Replaying the notices in order leaves both users present.
        var present = new HashSet<string>(UserNameRules.Comparer);
        foreach (var message in Published)
        {
            if (message is UsersJoined joined)
            {
                present.UnionWith(joined.UserNames);
            }
            else if (message is UsersLeft left)
            {
                present.ExceptWith(left.Departures.Select(d => d.UserName));
            }
        }

        Assert.Equal(["Alice", "bob"], present.Order(UserNameRules.Comparer));
        Assert.Equal(["Alice", "bob"], _room.Users());
    }

    [Fact]
    public async Task WelcomeListsEveryoneTheNewcomerIncludedAndTheRecentLines()
    {
        await using var room = CreateRoom(ChatServerOptions.Default with { HistoryLength = 2 });
        var alice = Member("alice");
        room.Join(alice.Object);
        room.Join(Member("bob").Object);
        var lines = Enumerable.Range(1, 3).Select(i => Post(room, alice, $"line {i}", TextKind.Plain)).ToArray();

        var result = room.Join(Member("carol").Object);

        Assert.Equal(JoinOutcome.Joined, result.Outcome);
        Assert.Equal(["alice", "bob", "carol"], result.Users.Order(UserNameRules.Comparer));
        Assert.Equal(3, result.UserCount);
        Assert.Equal(lines[1..], result.Recent);
    }

    [Fact]
    public async Task ANewcomerWhoDoesNotHearPresenceGetsTheCountAndTheRecentLinesButNoList()
    {
        await using var room = CreateRoom(ChatServerOptions.Default with { HistoryLength = 2 });
        var alice = Member("alice");
        room.Join(alice.Object);
        var line = Post(room, alice, "hello", TextKind.Plain);

        var result = room.Join(Member("bot", receivesPresence: false).Object);

        Assert.Equal(JoinOutcome.Joined, result.Outcome);
        Assert.Empty(result.Users);
        Assert.Equal(2, result.UserCount);
        Assert.Equal([line], result.Recent);
        Assert.Equal(["alice", "bot"], room.Users()); // the others still see the bot
    }

    [Fact]
    public async Task MembersWhoDoNotHearPresenceDoNotCountTowardsItsDeliveryBudget()
    {
        // 50 deliveries a second: 40 bots and one person make a room of 41, but only one hears
        // presence, so the 100 ms interval holds (41 hearing it would mean 820 ms).
        await using var room = CreateRoom(ChatServerOptions.Default with { PresenceDeliveriesPerSecond = 50, MaxPresenceBatch = 1000 });
        room.Join(Member("person").Object);
        for (var i = 0; i < 40; i++)
        {
            room.Join(Member($"bot{i}", receivesPresence: false).Object);
        }

        _time.Advance(Interval);
        Assert.Equal(41, Assert.IsType<UsersJoined>(Assert.Single(Published)).UserNames.Count);

        room.Join(Member("late", receivesPresence: false).Object);
        _time.Advance(Interval);
        Assert.Equal(["late"], Assert.IsType<UsersJoined>(Published.Last()).UserNames);
    }

    [Fact]
    public async Task AFullRoomRefusesNewcomers()
    {
        await using var room = CreateRoom(ChatServerOptions.Default with { MaxRoomMembers = 2 });
        room.Join(Member("alice").Object);
        room.Join(Member("bob").Object);

        Assert.Equal(JoinOutcome.RoomFull, room.Join(Member("carol").Object).Outcome);
        Assert.Equal(2, room.Count);
    }

    [Fact]
    public void OnlyMembersMayPostAndOnlyOnce()
    {
        var alice = Join("alice");
        var impostor = Member("alice");

        Assert.False(_room.Post(impostor.Object, "I am alice", TextKind.Plain));
        Assert.False(_room.Leave(impostor.Object, LeaveReason.Quit, string.Empty));
        Assert.True(_room.Leave(alice.Object, LeaveReason.Quit, string.Empty));
        Assert.False(_room.Leave(alice.Object, LeaveReason.Quit, string.Empty));
        Assert.False(_room.Post(alice.Object, "still here?", TextKind.Plain));
    }

    [Fact]
    public void AnnounceSendsANoticeFromTheServerToEveryone()
    {
        Join("alice");

        var notice = _room.Announce("maintenance at noon");

        Assert.Equal(new ServerNotice("maintenance at noon", Start.UtcDateTime) { Room = Lobby }, notice);
        Assert.Equal(notice, Published.Last());
    }

    [Fact]
    public void CloseRefusesNewcomersAndThenAnnouncesNothing()
    {
        var alice = Join("alice");
        var bob = Join("bob");

        Assert.True(_room.Close());
        Assert.False(_room.Close());

        Assert.True(_room.Leave(alice.Object, LeaveReason.ServerShutdown, "Maintenance."));
        Assert.Equal(JoinOutcome.Closed, _room.Join(Member("carol").Object).Outcome);
        Assert.False(_room.Post(bob.Object, "anyone?", TextKind.Plain));
        _time.Advance(Interval);
        Assert.Empty(_published);
    }

    private Room CreateRoom(ChatServerOptions options)
    {
        options = options with { TimeProvider = _time, PresenceInterval = options.PresenceInterval == ChatServerOptions.Default.PresenceInterval ? Interval : options.PresenceInterval };
        return new(Lobby, RoomKind.Operator, new InMemoryRoomLog(Lobby, options.HistoryLength, _time), options, _broadcaster.Object);
    }

    /// <summary>Posts a line and returns it as the room published it.</summary>
    private TextPosted Post(Room room, Mock<IRoomMember> author, string text, TextKind kind)
    {
        Assert.True(room.Post(author.Object, text, kind));
        return Assert.IsType<TextPosted>(_published[^1].Message.Message);
    }

    private Mock<IRoomMember> Join(string name, bool receivesPresence = true)
    {
        var member = Member(name, receivesPresence);
        Assert.Equal(JoinOutcome.Joined, _room.Join(member.Object).Outcome);
        return member;
    }

    private static Mock<IRoomMember> Member(string name, bool receivesPresence = true)
    {
        var member = new Mock<IRoomMember>();
        member.Setup(m => m.Name).Returns(name);
        member.Setup(m => m.ReceivesPresence).Returns(receivesPresence);
        member.Setup(m => m.SpeaksRooms).Returns(true);
        member.Setup(m => m.AwayText).Returns(string.Empty);
        return member;
    }
}
