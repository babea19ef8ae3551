using Chat.Protocol;
using Chat.Protocol.Wire;
using Moq;

namespace Chat.Server.Tests.Rooms;

public class LocalRoomBroadcasterTests
{
    private static readonly EncodedMessage Line = EncodedMessage.Encode(new TextPosted(1, "alice", "hi", DateTime.UnixEpoch));

    [Fact]
    public void PublishHandsTheSameEncodedMessageToEveryMember()
    {
        var broadcaster = new LocalRoomBroadcaster();
        var members = Enumerable.Range(0, 40).Select(_ => new Mock<IRoomMember>()).ToArray();
        foreach (var member in members)
        {
            broadcaster.Add(member.Object);
        }

        broadcaster.Publish(Line);

        foreach (var member in members)
        {
            member.Verify(m => m.Deliver(It.Is<EncodedMessage>(e => ReferenceEquals(e, Line))), Times.Once);
        }
    }

    [Fact]
    public void PublishSkipsTheExceptedMembers()
    {
        var broadcaster = new LocalRoomBroadcaster();
        var alice = new Mock<IRoomMember>();
        var bob = new Mock<IRoomMember>();
        var carol = new Mock<IRoomMember>();
        broadcaster.Add(alice.Object);
        broadcaster.Add(bob.Object);
        broadcaster.Add(carol.Object);

        broadcaster.Publish(Line, except: new HashSet<IRoomMember>(ReferenceEqualityComparer.Instance) { bob.Object, carol.Object });

        alice.Verify(m => m.Deliver(Line), Times.Once);
        bob.Verify(m => m.Deliver(It.IsAny<EncodedMessage>()), Times.Never);
        carol.Verify(m => m.Deliver(It.IsAny<EncodedMessage>()), Times.Never);
    }

    [Fact]
    public void RemovedMembersReceiveNothingAndTheOthersStillEverything()
    {
        var broadcaster = new LocalRoomBroadcaster();
        var members = Enumerable.Range(0, 5).Select(_ => new Mock<IRoomMember>()).ToArray();
        foreach (var member in members)
        {
            broadcaster.Add(member.Object);
        }

        broadcaster.Remove(members[1].Object);
        broadcaster.Remove(members[4].Object);
        broadcaster.Remove(members[4].Object); // twice does nothing
        broadcaster.Add(members[0].Object); // already there: once only
        broadcaster.Publish(Line);

        // Members 0, 2 and 3 are each in the broadcast once, member 0 too though added twice.
        foreach (var index in new[] { 0, 2, 3 })
        {
            members[index].Verify(m => m.Deliver(Line), Times.Once);
        }

        members[1].Verify(m => m.Deliver(It.IsAny<EncodedMessage>()), Times.Never);
        members[4].Verify(m => m.Deliver(It.IsAny<EncodedMessage>()), Times.Never);
    }

    [Fact]
    public void PresenceReachesOnlyTheMembersWhoHearItAndEverythingElseReachesAll()
    {
        var broadcaster = new LocalRoomBroadcaster();
        var person = new Mock<IRoomMember>();
        person.Setup(m => m.ReceivesPresence).Returns(true);
        var bot = new Mock<IRoomMember>();
        bot.Setup(m => m.ReceivesPresence).Returns(false);
        broadcaster.Add(person.Object);
        broadcaster.Add(bot.Object);
        var joined = EncodedMessage.Encode(new UsersJoined(["carol"]));
        var left = EncodedMessage.Encode(new UsersLeft([new Departure("carol", LeaveReason.Quit) { Text = "" }]));

        broadcaster.Publish(joined);
        broadcaster.Publish(Line);
        broadcaster.Publish(left);

        person.Verify(m => m.Deliver(joined), Times.Once);
        person.Verify(m => m.Deliver(left), Times.Once);
        person.Verify(m => m.Deliver(Line), Times.Once);
        bot.Verify(m => m.Deliver(Line), Times.Once);
        bot.Verify(m => m.Deliver(It.Is<EncodedMessage>(e => e != Line)), Times.Never);
    }

    [Fact]
    public void SendReachesOnlyTheRecipient()
    {
        var broadcaster = new LocalRoomBroadcaster();
        var alice = new Mock<IRoomMember>();
        var bob = new Mock<IRoomMember>();
        broadcaster.Add(alice.Object);
        broadcaster.Add(bob.Object);

        broadcaster.Send(bob.Object, Line);

        bob.Verify(m => m.Deliver(Line), Times.Once);
        alice.Verify(m => m.Deliver(It.IsAny<EncodedMessage>()), Times.Never);
    }
}
