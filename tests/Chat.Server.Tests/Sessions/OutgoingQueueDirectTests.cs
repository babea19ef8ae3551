using System.Net;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server.Tests.Sessions;

/// <summary>
/// The queue's writes straight from the caller's thread (<see cref="IChatConnection.TrySend"/>):
/// when they happen, when they are deferred to a <see cref="DeliveryBatch"/>'s owner, and that
/// the writer takes over, in order, whenever the connection declines.
/// </summary>
public class OutgoingQueueDirectTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void AMessageGoesOutAtOnceWhenTheWriterWaitsAndNothingIsQueued()
    {
        var connection = new RecordingConnection();
        var queue = new OutgoingQueue(10, direct: connection);
        var waiting = queue.WaitToReadAsync();

        Assert.Equal(EnqueueResult.Sent, queue.TryEnqueue(Line(1)));

        Assert.Equal([[Line(1).Message]], connection.Writes);
        Assert.False(waiting.IsCompleted); // no wake-up for a message that went out
        Assert.Equal(0, queue.QueuedBytes);
    }

    [Fact]
    public async Task AMessageTheConnectionDeclinesIsQueuedAndWakesTheWriter()
    {
        var connection = new RecordingConnection { Accepts = false };
        var queue = new OutgoingQueue(10, direct: connection);
        var waiting = queue.WaitToReadAsync().AsTask();

        Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(Line(1)));

        Assert.True(await waiting.WaitAsync(Timeout));
        var batch = OutgoingQueue.NewBatch();
        Assert.Equal(1, queue.TakeAll(ref batch));
        Assert.Same(Line(1).Message, batch[0].Message);
    }

    [Fact]
    public void NothingGoesOutDirectlyWhileTheWriterIsBusy()
    {
        var connection = new RecordingConnection();
        var queue = new OutgoingQueue(10, direct: connection);

        // No WaitToReadAsync: the writer is writing what it took, and comes back for this.
        Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(Line(1)));
        Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(Line(2), deferred: true, out var owner));

        Assert.False(owner);
        Assert.Empty(connection.Writes);
        var batch = OutgoingQueue.NewBatch();
        Assert.Equal(2, queue.TakeAll(ref batch));
    }

    [Fact]
    public void DeferredMessagesGoOutTogetherInOneWriteFromTheirOwner()
    {
        var connection = new RecordingConnection();
        var queue = new OutgoingQueue(10, direct: connection);
        var waiting = queue.WaitToReadAsync();

        Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(Line(1), deferred: true, out var first));
        Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(Line(2), deferred: true, out var second));
        Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(Line(3), deferred: true, out var third));

        Assert.True(first);
        Assert.False(second);
        Assert.False(third);
        Assert.Empty(connection.Writes);
        Assert.False(waiting.IsCompleted);

        Assert.Equal(3, queue.SendNow());
        Assert.Equal([[Line(1).Message, Line(2).Message, Line(3).Message]], connection.Writes);
        Assert.Equal(0, queue.QueuedBytes);
        Assert.Equal(0, queue.SendNow());
        Assert.False(waiting.IsCompleted);

        // The next run of deliveries has an owner again.
        Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(Line(4), deferred: true, out var again));
        Assert.True(again);
    }

    [Fact]
    public async Task DeferredMessagesTheConnectionDeclinesWakeTheWriter()
    {
        var connection = new RecordingConnection { Accepts = false };
        var queue = new OutgoingQueue(10, direct: connection);
        var waiting = queue.WaitToReadAsync().AsTask();
        queue.TryEnqueue(Line(1), deferred: true, out _);
        queue.TryEnqueue(Line(2), deferred: true, out _);

        Assert.Equal(0, queue.SendNow());

        Assert.True(await waiting.WaitAsync(Timeout));
        var batch = OutgoingQueue.NewBatch();
        Assert.Equal(2, queue.TakeAll(ref batch));
        Assert.Equal([Line(1).Message, Line(2).Message], batch[..2].Select(m => m.Message));
    }

    [Fact]
    public async Task AMessageBehindDeferredOnesWakesTheWriterWhichTakesThemAllInOrder()
    {
        var connection = new RecordingConnection();
        var queue = new OutgoingQueue(10, direct: connection);
        var waiting = queue.WaitToReadAsync().AsTask();
        queue.TryEnqueue(Line(1), deferred: true, out var owner);

        // Another thread delivers without a batch: it may not overtake the deferred line.
        Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(Line(2)));

        Assert.True(owner);
        Assert.Empty(connection.Writes);
        Assert.True(await waiting.WaitAsync(Timeout));
        var batch = OutgoingQueue.NewBatch();
        Assert.Equal(2, queue.TakeAll(ref batch));
        Assert.Equal([Line(1).Message, Line(2).Message], batch[..2].Select(m => m.Message));

        // The owner comes late: the writer has them already.
        Assert.Equal(0, queue.SendNow());
        Assert.Empty(connection.Writes);
    }

    [Fact]
    public async Task ACompletedQueueSendsNothingDirectly()
    {
        var connection = new RecordingConnection();
        var queue = new OutgoingQueue(10, direct: connection);
        var waiting = queue.WaitToReadAsync().AsTask();
        queue.Complete();
        Assert.False(await waiting.WaitAsync(Timeout));

        Assert.Equal(EnqueueResult.Closed, queue.TryEnqueue(Line(1)));
        Assert.Equal(EnqueueResult.Closed, queue.TryEnqueue(Line(2), deferred: true, out var owner));
        Assert.False(owner);
        Assert.Empty(connection.Writes);
    }

    private static EncodedMessage Line(int id) => Lines[id];

    private static readonly EncodedMessage[] Lines =
        [.. Enumerable.Range(0, 8).Select(i => EncodedMessage.Encode(new TextPosted(i, "alice", $"line {i}", DateTime.UnixEpoch)))];

    /// <summary>A connection that records what it is given to send at once, or declines it; it is never used otherwise.</summary>
    private sealed class RecordingConnection : IChatConnection
    {
        public bool Accepts { get; init; } = true;

        public List<ChatMessage[]> Writes { get; } = [];

        public EndPoint? RemoteEndPoint => null;

        public CancellationToken Closed => CancellationToken.None;

        public bool TrySend(ReadOnlySpan<EncodedMessage> messages)
        {
            if (!Accepts)
            {
                return false;
            }

            var write = new ChatMessage[messages.Length];
            for (var i = 0; i < messages.Length; i++)
            {
                write[i] = messages[i].Message;
            }

            Writes.Add(write);
            return true;
        }

        public ValueTask<ChatMessage?> ReceiveAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask SendAsync(ChatMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask SendAsync(EncodedMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask SendAsync(ReadOnlyMemory<EncodedMessage> messages, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public void Abort(string reason = "The connection was aborted.") => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
