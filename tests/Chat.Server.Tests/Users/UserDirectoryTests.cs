using Chat.Protocol;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Users;

public class UserDirectoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly UserDirectory _users = new(3, new FakeTimeProvider(Start));

    [Fact]
    public void NamesAreUniqueAcrossTheServerWithoutRegardToCase()
    {
        var alice = new User("alice");
        Assert.Equal(ClaimOutcome.Claimed, _users.TryClaim(alice));

        Assert.Equal(ClaimOutcome.NameTaken, _users.TryClaim(new User("ALICE")));
        _users.Release(alice);
        Assert.Equal(ClaimOutcome.Claimed, _users.TryClaim(new User("Alice")));
        Assert.Equal(["Alice"], _users.Names());
    }

    [Fact]
    public void TheServerHoldsAtMostItsMaximum()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            Assert.Equal(ClaimOutcome.Claimed, _users.TryClaim(new User(name)));
        }

        Assert.Equal(ClaimOutcome.ServerFull, _users.TryClaim(new User("d")));
        Assert.Equal(3, _users.Count);
    }

    [Fact]
    public void AReleaseByAnotherUserOfTheSameNameChangesNothing()
    {
        var alice = new User("alice");
        _users.TryClaim(alice);

        _users.Release(new User("alice"));

        Assert.Same(alice, _users.Find("ALICE"));
    }

    [Fact]
    public void ARenameKeepsTheOldNameTakenUntilItIsComplete()
    {
        var alice = new User("alice");
        var bob = new User("bob");
        _users.TryClaim(alice);
        _users.TryClaim(bob);

        Assert.Equal(ClaimOutcome.NameTaken, _users.TryRename(alice, "Bob"));
        Assert.Equal(ClaimOutcome.Claimed, _users.TryRename(alice, "alicia"));
        alice.Name = "alicia";
        Assert.Equal(ClaimOutcome.NameTaken, _users.TryClaim(new User("alice"))); // the rooms may still show it
        Assert.Single(_users.All(), user => ReferenceEquals(user, alice));

        _users.CompleteRename(alice, "alice");

        Assert.Null(_users.Find("alice"));
        Assert.Same(alice, _users.Find("ALICIA"));
        Assert.Equal(["alicia", "bob"], _users.Names());
    }

    [Fact]
    public void ARecapitalisationIsARenameToOnesOwnName()
    {
        var alice = new User("alice");
        _users.TryClaim(alice);

        Assert.Equal(ClaimOutcome.Claimed, _users.TryRename(alice, "Alice"));
        alice.Name = "Alice";
        _users.CompleteRename(alice, "alice");

        Assert.Equal(["Alice"], _users.Names());
        Assert.Same(alice, _users.Find("alice"));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.47")]
    public void APrivateMessageReachesTheRecipientAndIsEchoedOnceToTheSenderWithTheAwayText()
    {
        var alice = new User("alice");
        var bob = new User("bob") { AwayText = "at lunch" };
        _users.TryClaim(alice);
        _users.TryClaim(bob);

        var recipient = _users.Find(" BOB ");
        Assert.Same(bob, recipient);
        var expected = new PrivateMessage("alice", "bob", "psst", Start.UtcDateTime) { Kind = TextKind.Plain, Id = 4 };

        UserDirectory.DeliverPrivate(alice, recipient!, expected);

        Assert.Equal(expected, Assert.Single(bob.Received));
        Assert.Equal(expected with { RecipientAway = "at lunch" }, Assert.Single(alice.Received));
    }

    [Fact]
    public void APrivateMessageToOneselfArrivesOnceAndToNobodyNotAtAll()
    {
        var alice = new User("alice");
        _users.TryClaim(alice);

        UserDirectory.DeliverPrivate(alice, _users.Find("alice")!, new PrivateMessage("alice", "alice", "note to self", Start.UtcDateTime));

        Assert.Null(_users.Find("nobody"));
        Assert.Single(alice.Received);
    }

    [Fact]
    public void AServerWideNoticeReachesEveryoneWithNoRoom()
    {
        var alice = new User("alice");
        var bob = new User("bob");
        _users.TryClaim(alice);
        _users.TryClaim(bob);

        Assert.Equal(2, _users.Announce("maintenance at noon"));

        Assert.All([alice, bob], user => Assert.Equal(new ServerNotice("maintenance at noon", Start.UtcDateTime), Assert.Single(user.Received)));
    }

    private sealed class User(string name) : IRoomMember
    {
        public string Name { get; set; } = name;

        public bool ReceivesPresence => true;

        public bool SpeaksRooms => true;

        public string AwayText { get; init; } = string.Empty;

        public List<ChatMessage> Received { get; } = [];

        public void Deliver(EncodedMessage message) => Received.Add(message.Message);

        public void Remove(LeaveReason reason, string text, EncodedMessage farewell) => throw new InvalidOperationException();
    }
}
