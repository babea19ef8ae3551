using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server.Tests.Rooms;

/// <summary>The fan-out's hot path allocates nothing per delivery: one message, shared by every queue.</summary>
public class FanOutAllocationTests
{
    [Fact]
    public void PublishingToAThousandMembersAllocatesNothingOnceTheirQueuesHaveGrown()
    {
        var broadcaster = new LocalRoomBroadcaster();
        var members = Enumerable.Range(0, 1000).Select(_ => new QueueMember()).ToArray();
        foreach (var member in members)
        {
            broadcaster.Add(member);
        }

        var lines = Enumerable.Range(0, 64).Select(i => EncodedMessage.Encode(new TextPosted(i, "alice", "hello", DateTime.UnixEpoch))).ToArray();
        // Each queue and its writer swap two buffers; each grows to the batch size once.
        FanOut(broadcaster, members, lines);
        FanOut(broadcaster, members, lines);

        var before = GC.GetAllocatedBytesForCurrentThread();
        FanOut(broadcaster, members, lines);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.All(members, member => Assert.Same(lines[^1], member.Last));
    }

    private static void FanOut(LocalRoomBroadcaster broadcaster, QueueMember[] members, EncodedMessage[] lines)
    {
        foreach (var line in lines)
        {
            broadcaster.Publish(line);
        }

        foreach (var member in members)
        {
            member.Drain();
        }
    }

    /// <summary>A member with a real outgoing queue, drained the way a session's writer drains it.</summary>
    private sealed class QueueMember : IRoomMember
    {
        private readonly OutgoingQueue _queue = new(4096);
        private EncodedMessage[] _batch = OutgoingQueue.NewBatch();

        public string Name => "member";

        public bool ReceivesPresence => true;

        public bool SpeaksRooms => true;

        public string AwayText => string.Empty;

        public EncodedMessage? Last { get; private set; }

        public void Deliver(EncodedMessage message)
        {
            if (_queue.TryEnqueue(message) != EnqueueResult.Added)
            {
                throw new InvalidOperationException("The queue refused a message.");
            }
        }

        public void Remove(LeaveReason reason, string text, EncodedMessage farewell) => throw new InvalidOperationException();

        public void Drain()
        {
            var count = _queue.TakeAll(ref _batch);
            Last = _batch[count - 1];
            OutgoingQueue.Recycle(ref _batch, count);
        }
    }
}
