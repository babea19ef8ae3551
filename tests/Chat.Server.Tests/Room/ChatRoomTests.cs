using Chat.Protocol;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Chat.Server.Tests.Room;

public sealed class ChatRoomTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly Mock<IRoomBroadcaster> _broadcaster = new();
    private readonly List<(EncodedMessage Message, IRoomMember[] Except)> _published = [];
    private readonly List<(IRoomMember To, EncodedMessage Message)> _sent = [];
    private readonly ChatRoom _room;

    public ChatRoomTests()
    {
        _broadcaster.Setup(b => b.Publish(It.IsAny<EncodedMessage>(), It.IsAny<IReadOnlySet<IRoomMember>?>()))
            .Callback<EncodedMessage, IReadOnlySet<IRoomMember>?>((message, except) => _published.Add((message, except?.ToArray() ?? [])));
        _broadcaster.Setup(b => b.Send(It.IsAny<IRoomMember>(), It.IsAny<EncodedMessage>()))
            .Callback<IRoomMember, EncodedMessage>((to, message) => _sent.Add((to, message)));
        _room = CreateRoom(ChatServerOptions.Default);
    }

    private IEnumerable<ChatMessage> Published => _published.Select(p => p.Message.Message);

    public void Dispose() => _room.Dispose();

    [Fact]
    public void PostGivesEachLineTheNextIdAndTheClocksTimeAndPublishesItOnce()
    {
        var alice = Join("alice");
        var first = _room.Post(alice.Object, "hello", TextKind.Plain);
        _time.Advance(TimeSpan.FromSeconds(3));
        var second = _room.Post(alice.Object, "waves", TextKind.Action);

        Assert.Equal(new TextPosted(1, "alice", "hello", Start.UtcDateTime) { Kind = TextKind.Plain }, first);
        Assert.Equal(new TextPosted(2, "alice", "waves", Start.UtcDateTime.AddSeconds(3)) { Kind = TextKind.Action }, second);
        Assert.Equal(DateTimeKind.Utc, first!.Timestamp.Kind);
        Assert.Equal([first, second], Published.OfType<TextPosted>());
        _broadcaster.Verify(b => b.Publish(It.Is<EncodedMessage>(m => m.Message == first), null), Times.Once);
        _broadcaster.Verify(b => b.Publish(It.Is<EncodedMessage>(m => m.Message == second), null), Times.Once);
    }

    [Fact]
    public void PublishedBytesAreTheEncodingOfTheLine()
    {
        var alice = Join("alice");
        var line = _room.Post(alice.Object, "hello", TextKind.Plain);

        var encoded = _published.Single(p => p.Message.Message is TextPosted).Message;
        Assert.Equal(MessageSerializer.ToFrame(line!), encoded.Frame.ToArray());
    }

    [Fact]
    public void NewcomerIsAnnouncedBeforeItsFirstLineEvenWithinTheInterval()
    {
        Join("alice");
        _time.Advance(Interval);
        var bob = Join("bob");
        _room.Post(bob.Object, "hi all", TextKind.Plain);

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
        _room.Post(alice.Object, "bye all", TextKind.Plain);
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
    public void ABatchNeverGrowsPastTheLimit()
    {
        using var room = CreateRoom(ChatServerOptions.Default with { MaxPresenceBatch = 10 });
        for (var i = 0; i < 25; i++)
        {
            room.Join(Member($"user{i}").Object);
        }

        _time.Advance(Interval);

        Assert.Equal([10, 10, 5], Published.Select(m => Assert.IsType<UsersJoined>(m).UserNames.Count));
    }

    [Fact]
    public void ALargeRoomGathersPresenceForLongerToKeepWithinItsDeliveryBudget()
    {
        // 50 deliveries a second: a room of 20 waits 20 / 50 = 400 ms rather than the 100 ms interval.
        using var room = CreateRoom(ChatServerOptions.Default with { PresenceDeliveriesPerSecond = 50, MaxPresenceBatch = 1000 });
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
    public void WithoutADeliveryBudgetTheIntervalStaysFixed()
    {
        using var room = CreateRoom(ChatServerOptions.Default with { PresenceDeliveriesPerSecond = 0 });
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
    public void ZeroIntervalAnnouncesEachChangeAtOnce()
    {
        using var room = CreateRoom(ChatServerOptions.Default with { PresenceInterval = TimeSpan.Zero });
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
    public void WelcomeListsEveryoneTheNewcomerIncludedAndTheRecentLines()
    {
        using var room = CreateRoom(ChatServerOptions.Default with { HistoryLength = 2 });
        var alice = Member("alice");
        room.Join(alice.Object);
        room.Join(Member("bob").Object);
        var lines = Enumerable.Range(1, 3).Select(i => room.Post(alice.Object, $"line {i}", TextKind.Plain)!).ToArray();

        var result = room.Join(Member("carol").Object);

        Assert.Equal(JoinOutcome.Joined, result.Outcome);
        Assert.Equal(["alice", "bob", "carol"], result.Users.Order(UserNameRules.Comparer));
        Assert.Equal(3, result.UserCount);
        Assert.Equal(lines[1..], result.Recent);
    }

    [Fact]
    public void ANewcomerWhoDoesNotHearPresenceGetsTheCountAndTheRecentLinesButNoList()
    {
        using var room = CreateRoom(ChatServerOptions.Default with { HistoryLength = 2 });
        var alice = Member("alice");
        room.Join(alice.Object);
        var line = room.Post(alice.Object, "hello", TextKind.Plain)!;

        var result = room.Join(Member("bot", receivesPresence: false).Object);

        Assert.Equal(JoinOutcome.Joined, result.Outcome);
        Assert.Empty(result.Users);
        Assert.Equal(2, result.UserCount);
        Assert.Equal([line], result.Recent);
        Assert.Equal(["alice", "bot"], room.Users()); // the others still see the bot
    }

    [Fact]
    public void MembersWhoDoNotHearPresenceDoNotCountTowardsItsDeliveryBudget()
    {
        // 50 deliveries a second: 40 bots and one person make a room of 41, but only one hears
        // presence, so the 100 ms interval holds (41 hearing it would mean 820 ms).
        using var room = CreateRoom(ChatServerOptions.Default with { PresenceDeliveriesPerSecond = 50, MaxPresenceBatch = 1000 });
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
    public void NamesAreUniqueWithoutRegardToCase()
    {
        var alice = Join("alice");

        Assert.Equal(JoinOutcome.NameTaken, _room.Join(Member("ALICE").Object).Outcome);
        Assert.Equal(JoinOutcome.NameTaken, _room.Join(Member("Alice").Object).Outcome);

        _room.Leave(alice.Object, LeaveReason.Quit, string.Empty);
        Assert.Equal(JoinOutcome.Joined, _room.Join(Member("ALICE").Object).Outcome);
    }

    [Fact]
    public void AFullRoomRefusesNewcomers()
    {
        using var room = CreateRoom(ChatServerOptions.Default with { MaxClients = 2 });
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

        Assert.Null(_room.Post(impostor.Object, "I am alice", TextKind.Plain));
        Assert.False(_room.Leave(impostor.Object, LeaveReason.Quit, string.Empty));
        Assert.True(_room.Leave(alice.Object, LeaveReason.Quit, string.Empty));
        Assert.False(_room.Leave(alice.Object, LeaveReason.Quit, string.Empty));
        Assert.Null(_room.Post(alice.Object, "still here?", TextKind.Plain));
    }

    [Fact]
    public void PrivateMessageReachesTheRecipientAndIsEchoedToTheSender()
    {
        var alice = Join("alice");
        var bob = Join("bob");
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(PrivateResult.Delivered, _room.SendPrivate(alice.Object, " BOB ", "psst", TextKind.Plain));

        var expected = new PrivateMessage("alice", "bob", "psst", Start.UtcDateTime.AddSeconds(1)) { Kind = TextKind.Plain };
        var privates = _sent.Where(s => s.Message.Message is PrivateMessage).ToList();
        Assert.Collection(
            privates,
            s =>
            {
                Assert.Same(bob.Object, s.To);
                Assert.Equal(expected, s.Message.Message);
            },
            s =>
            {
                Assert.Same(alice.Object, s.To);
                Assert.Same(privates[0].Message, s.Message);
            });
        Assert.DoesNotContain(Published, m => m is PrivateMessage);
    }

    [Fact]
    public void PrivateMessageToOneselfArrivesOnce()
    {
        var alice = Join("alice");

        _room.SendPrivate(alice.Object, "alice", "note to self", TextKind.Plain);

        Assert.Single(_sent);
    }

    [Fact]
    public void PrivateMessageToAnUnknownUserIsNotSent()
    {
        var alice = Join("alice");

        Assert.Equal(PrivateResult.UnknownUser, _room.SendPrivate(alice.Object, "nobody", "hello?", TextKind.Plain));
        Assert.Empty(_sent);
    }

    [Fact]
    public void PrivateMessageFromANewcomerComesAfterItsJoinNotice()
    {
        var alice = Join("alice");
        _time.Advance(Interval);
        var bob = Join("bob");

        _room.SendPrivate(bob.Object, "alice", "hi", TextKind.Plain);

        Assert.Equal(["bob"], Assert.IsType<UsersJoined>(Published.Last()).UserNames);
        Assert.Same(alice.Object, _sent[0].To);
    }

    [Fact]
    public void AnnounceSendsANoticeFromTheServerToEveryone()
    {
        Join("alice");

        var notice = _room.Announce("maintenance at noon");

        Assert.Equal(new ServerNotice("maintenance at noon", Start.UtcDateTime), notice);
        Assert.Equal(notice, Published.Last());
    }

    [Fact]
    public void KickSendsTheMemberAwayWithAFatalError()
    {
        var alice = Join("alice");
        EncodedMessage? farewell = null;
        alice.Setup(m => m.Remove(LeaveReason.Kicked, "spam", It.IsAny<EncodedMessage>()))
            .Callback<LeaveReason, string, EncodedMessage>((_, _, message) => farewell = message);

        Assert.Equal("alice", _room.Kick("ALICE", "spam"));
        Assert.Null(_room.Kick("nobody", "spam"));

        var error = Assert.IsType<ErrorMessage>(farewell!.Message);
        Assert.Equal(ErrorCode.Kicked, error.Code);
        Assert.True(error.Fatal);
        Assert.Contains("spam", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void CloseSendsEveryoneAwayAndThenAnnouncesNothing()
    {
        var alice = Join("alice");
        var bob = Join("bob");
        var farewell = EncodedMessage.Encode(new ServerShutdown("Maintenance."));

        Assert.Equal(2, _room.Close("Maintenance.", farewell));

        alice.Verify(m => m.Remove(LeaveReason.ServerShutdown, "Maintenance.", farewell), Times.Once);
        bob.Verify(m => m.Remove(LeaveReason.ServerShutdown, "Maintenance.", farewell), Times.Once);
        Assert.True(_room.Leave(alice.Object, LeaveReason.ServerShutdown, "Maintenance."));
        Assert.Equal(JoinOutcome.Closed, _room.Join(Member("carol").Object).Outcome);
        Assert.Null(_room.Post(bob.Object, "anyone?", TextKind.Plain));
        _time.Advance(Interval);
        Assert.Empty(_published);
    }

    private ChatRoom CreateRoom(ChatServerOptions options) =>
        new(options with { TimeProvider = _time, PresenceInterval = options.PresenceInterval == ChatServerOptions.Default.PresenceInterval ? Interval : options.PresenceInterval }, _broadcaster.Object);

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
        return member;
    }
}
