using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server.Tests.Sessions;

public class OutgoingQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void RefusesMessagesBeyondItsCapacity()
    {
        var queue = new OutgoingQueue(3);
        var lines = Enumerable.Range(0, 4).Select(Line).ToArray();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(lines[i]));
        }

        Assert.Equal(EnqueueResult.Full, queue.TryEnqueue(lines[3]));
        var batch = OutgoingQueue.NewBatch();
        Assert.Equal(3, queue.TakeAll(ref batch));
        Assert.Equal(lines[..3], batch[..3]);
    }

    [Fact]
    public void RefusesTheMessageThatWouldPassItsByteCapacity()
    {
        var line = Line(0);
        var length = line.Frame.Length;
        var queue = new OutgoingQueue(1000, byteCapacity: (3 * length) + (length / 2));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(Line(i)));
        }

        Assert.Equal(3L * length, queue.QueuedBytes);
        Assert.Equal(EnqueueResult.Full, queue.TryEnqueue(Line(3)));

        // What the writer takes no longer counts.
        var batch = OutgoingQueue.NewBatch();
        Assert.Equal(3, queue.TakeAll(ref batch));
        Assert.Equal(0, queue.QueuedBytes);
        Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(Line(3)));
    }

    [Fact]
    public void AMessageLargerThanTheByteCapacityStillFitsAnEmptyQueue()
    {
        var big = EncodedMessage.Encode(new SendText(new string('x', 5000)));
        var queue = new OutgoingQueue(10, byteCapacity: 1000);

        Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(big));
        Assert.Equal(EnqueueResult.Full, queue.TryEnqueue(Line(1)));
    }

    [Fact]
    public void DiscardingForgetsTheQueuedBytesAndTheLastMessageFitsBeyondTheCapacity()
    {
        var line = Line(0);
        var queue = new OutgoingQueue(10, byteCapacity: line.Frame.Length);
        queue.TryEnqueue(line);
        var farewell = EncodedMessage.Encode(new ErrorMessage(ErrorCode.SlowConsumer, "too slow") { Fatal = true });

        queue.Complete(farewell, discardPending: true);

        Assert.Equal(farewell.Frame.Length, queue.QueuedBytes);
        var batch = OutgoingQueue.NewBatch();
        Assert.Equal(1, queue.TakeAll(ref batch));
        Assert.Same(farewell, batch[0]);
    }

    [Fact]
    public void TakeAllReturnsEverythingInOrderAndEmptiesTheQueue()
    {
        var queue = new OutgoingQueue(100);
        var lines = Enumerable.Range(0, 10).Select(Line).ToArray();
        foreach (var line in lines)
        {
            queue.TryEnqueue(line);
        }

        var batch = OutgoingQueue.NewBatch();
        var count = queue.TakeAll(ref batch);

        Assert.Equal(10, count);
        Assert.Equal(lines, batch[..count]);
        OutgoingQueue.Recycle(ref batch, count);
        Assert.Equal(0, queue.TakeAll(ref batch));
    }

    [Fact]
    public async Task AWaitingWriterWakesWhenAMessageArrives()
    {
        var queue = new OutgoingQueue(10);
        var waiting = queue.WaitToReadAsync().AsTask();
        Assert.False(waiting.IsCompleted);

        queue.TryEnqueue(Line(1));

        Assert.True(await waiting.WaitAsync(Timeout));
    }

    [Fact]
    public async Task CompleteAddsTheLastMessageEvenWhenFullThenEnds()
    {
        var queue = new OutgoingQueue(2);
        queue.TryEnqueue(Line(1));
        queue.TryEnqueue(Line(2));
        var farewell = EncodedMessage.Encode(new ServerShutdown("bye"));

        Assert.True(queue.Complete(farewell));
        Assert.False(queue.Complete(farewell));
        Assert.Equal(EnqueueResult.Closed, queue.TryEnqueue(Line(3)));

        var batch = OutgoingQueue.NewBatch();
        Assert.True(await queue.WaitToReadAsync().AsTask().WaitAsync(Timeout));
        var count = queue.TakeAll(ref batch);
        Assert.Equal([Line(1).Message, Line(2).Message, farewell.Message], batch[..count].Select(m => m.Message));
        Assert.False(await queue.WaitToReadAsync().AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task CompleteWakesAWaitingWriter()
    {
        var queue = new OutgoingQueue(2);
        var waiting = queue.WaitToReadAsync().AsTask();

        queue.Complete(discardPending: true);

        Assert.False(await waiting.WaitAsync(Timeout));
    }

    [Fact]
    public void DiscardingDropsWhatWasQueued()
    {
        var queue = new OutgoingQueue(5);
        queue.TryEnqueue(Line(1));

        queue.Complete(discardPending: true);

        var batch = OutgoingQueue.NewBatch();
        Assert.Equal(0, queue.TakeAll(ref batch));
    }

    [Fact]
    public void RecycleShrinksABatchThatGrewFarBeyondUse()
    {
        var batch = new EncodedMessage[1024];
        batch[0] = Line(0);

        OutgoingQueue.Recycle(ref batch, 1);

        Assert.True(batch.Length < 1024);
        Assert.All(batch, Assert.Null);
    }

    [Fact]
    public async Task ManyProducersAndOneWriterLoseNothingAndKeepEachProducersOrder()
    {
        const int Producers = 4;
        const int PerProducer = 20_000;
        var queue = new OutgoingQueue(Producers * PerProducer);
        var messages = Enumerable.Range(0, Producers)
            .Select(p => Enumerable.Range(0, PerProducer).Select(i => EncodedMessage.Encode(new Ping((p * 1_000_000L) + i))).ToArray())
            .ToArray();

        var received = new List<long>(Producers * PerProducer);
        var writer = Task.Run(async () =>
        {
            var batch = OutgoingQueue.NewBatch();
            while (await queue.WaitToReadAsync())
            {
                var count = queue.TakeAll(ref batch);
                for (var i = 0; i < count; i++)
                {
                    received.Add(((Ping)batch[i].Message).Token);
                }

                OutgoingQueue.Recycle(ref batch, count);
            }
        });
        var producers = messages.Select(list => Task.Run(() =>
        {
            foreach (var message in list)
            {
                Assert.Equal(EnqueueResult.Added, queue.TryEnqueue(message));
            }
        })).ToArray();

        await Task.WhenAll(producers).WaitAsync(Timeout);
        queue.Complete();
        await writer.WaitAsync(Timeout);

        Assert.Equal(Producers * PerProducer, received.Count);
        for (var p = 0; p < Producers; p++)
        {
            var mine = received.Where(token => token / 1_000_000 == p).ToList();
            Assert.Equal(Enumerable.Range(0, PerProducer).Select(i => (p * 1_000_000L) + i), mine);
        }
    }

    private static EncodedMessage Line(int id) => EncodedMessage.Encode(new TextPosted(id, "alice", $"line {id}", DateTime.UnixEpoch));
}
