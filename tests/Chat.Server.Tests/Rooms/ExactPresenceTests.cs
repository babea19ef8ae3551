using Chat.Protocol;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Rooms;

/// <summary>
/// Presence is exact for every member: starting from its welcome's list, every join it hears
/// names only users it does not know of, every departure only users it knows of, and the list it
/// keeps is always the room's, however joins, departures and lines interleave with the batching.
/// </summary>
public sealed class ExactPresenceTests
{
    [Theory]
    [Trait("ProtocolRule", "R7.10")]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task EveryMemberKeepsAnExactListFromItsWelcomeAndTheNotices(int seed)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var options = ChatServerOptions.Default with { TimeProvider = time, MaxPresenceBatch = 7, HistoryLength = 0 };
        await using var room = NewRoom(options);
        var random = new Random(seed);
        var present = new List<ListeningMember>();
        var everyone = new List<ListeningMember>();

        for (var step = 0; step < 600; step++)
        {
            var roll = random.Next(100);
            if (roll < 45 || present.Count == 0)
            {
                var member = new ListeningMember($"user{everyone.Count}", receivesPresence: random.Next(5) > 0);
                member.Welcomed(room.Join(member));
                present.Add(member);
                everyone.Add(member);
            }
            else if (roll < 70)
            {
                var member = present[random.Next(present.Count)];
                present.Remove(member);
                Assert.True(room.Leave(member, LeaveReason.Quit, "bye"));
                member.Left();
            }
            else if (roll < 80)
            {
                room.Post(present[random.Next(present.Count)], "hello", TextKind.Plain);
            }
            else
            {
                time.Advance(TimeSpan.FromMilliseconds(random.Next(150)));
            }
        }

        time.Advance(TimeSpan.FromSeconds(1));

        var users = room.Users();
        Assert.All(present.Where(m => m.ReceivesPresence), member => Assert.Equal(users, member.Known.Order(UserNameRules.Comparer)));
        Assert.All(everyone.Where(m => !m.ReceivesPresence), member => Assert.Equal(0, member.Notices));
        Assert.True(everyone.Sum(m => m.Notices) > 100, "The scenario should exercise many notices.");
    }

    [Fact]
    [Trait("ProtocolRule", "R2.3")]
    public async Task APresenceNoticeGoesOutBeforeItWouldGrowPastTheLargestFrameTheServerSends()
    {
        const int Bound = 2048;
        var time = new FakeTimeProvider();
        var options = ChatServerOptions.Default with { TimeProvider = time, MaxSentFrameLength = Bound, MaxPresenceBatch = 1000 };
        await using var room = NewRoom(options);
        var watcher = new ListeningMember("watcher", receivesPresence: true);
        watcher.Welcomed(room.Join(watcher));
        time.Advance(TimeSpan.FromSeconds(1));

        var names = Enumerable.Range(0, 200).Select(i => $"user{i:D3}-{new string('x', 24)}").ToArray();
        var members = names.Select(name => new ListeningMember(name, receivesPresence: false)).ToArray();
        foreach (var member in members)
        {
            member.Welcomed(room.Join(member));
        }

        time.Advance(TimeSpan.FromSeconds(1));
        foreach (var member in members)
        {
            room.Leave(member, LeaveReason.Quit, new string('é', 100));
        }

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.InRange(watcher.LargestFrame, Bound / 2, Bound);
        Assert.True(watcher.Joins.Count > 1, "The joins should have been split into several notices.");
        Assert.Equal(names, watcher.Joins.SelectMany(batch => batch));
        Assert.Equal(["watcher"], watcher.Known);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.10")]
    public async Task JoinersOfOneBatchEachHearOnlyOfThoseWhoCameAfterThem()
    {
        var time = new FakeTimeProvider();
        await using var room = NewRoom(ChatServerOptions.Default with { TimeProvider = time });
        var early = new ListeningMember("early", receivesPresence: true);
        early.Welcomed(room.Join(early));
        time.Advance(TimeSpan.FromSeconds(1));

        var batch = Enumerable.Range(0, 5).Select(i => new ListeningMember($"user{i}", receivesPresence: true)).ToArray();
        foreach (var member in batch)
        {
            member.Welcomed(room.Join(member));
        }

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([["user0", "user1", "user2", "user3", "user4"]], early.Joins);
        for (var i = 0; i < batch.Length; i++)
        {
            Assert.Equal(i == batch.Length - 1 ? [] : new[] { batch.Select(m => m.Name).Skip(i + 1).ToArray() }, batch[i].Joins);
        }
    }

    private static Room NewRoom(ChatServerOptions options) =>
        new("#lobby", RoomKind.Operator, new InMemoryRoomLog("#lobby", options.HistoryLength, options.TimeProvider), options, new LocalRoomBroadcaster());

    /// <summary>A member that keeps its list of users as a client does, failing on any notice that is not exact.</summary>
    private sealed class ListeningMember(string name, bool receivesPresence) : IRoomMember
    {
        private bool _inRoom;

        public string Name { get; } = name;

        public bool ReceivesPresence { get; } = receivesPresence;

        public bool SpeaksRooms => true;

        public string AwayText => string.Empty;

        public HashSet<string> Known { get; } = new(UserNameRules.Comparer);

        public List<string[]> Joins { get; } = [];

        public int Notices { get; private set; }

        public int LargestFrame { get; private set; }

        public void Welcomed(JoinResult result)
        {
            Assert.Equal(JoinOutcome.Joined, result.Outcome);
            _inRoom = true;
            if (ReceivesPresence)
            {
                Assert.Contains(Name, result.Users);
                Known.UnionWith(result.Users);
                Assert.Equal(result.Users.Count, Known.Count);
            }
        }

        public void Left() => _inRoom = false;

        public void Deliver(EncodedMessage message)
        {
            Assert.True(_inRoom, $"{Name} received {message.Message.GetType().Name} outside the room.");
            LargestFrame = Math.Max(LargestFrame, message.Frame.Length - ProtocolInfo.FramePrefixLength);
            switch (message.Message)
            {
                case UsersJoined joined:
                    Notices++;
                    Joins.Add([.. joined.UserNames]);
                    Assert.NotEmpty(joined.UserNames);
                    foreach (var user in joined.UserNames)
                    {
                        Assert.True(Known.Add(user), $"{Name} was told again that {user} joined.");
                    }

                    break;
                case UsersLeft left:
                    Notices++;
                    foreach (var departure in left.Departures)
                    {
                        Assert.True(Known.Remove(departure.UserName), $"{Name} was told that {departure.UserName}, whom it did not know of, left.");
                    }

                    break;
            }
        }

        public void Remove(LeaveReason reason, string text, EncodedMessage farewell) => throw new InvalidOperationException();
    }
}
