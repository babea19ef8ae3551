using Chat.Protocol.Internal;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Internal;

public class SegmentPoolTests
{
    [Fact]
    public void AReturnedBlockIsHandedOutAgain()
    {
        using var pool = new SegmentPool(8);
        var first = pool.Rent();
        var memory = first.Memory;
        first.Dispose();

        using var second = pool.Rent();

        Assert.Same(first, second);
        Assert.True(memory.Span == second.Memory.Span);
        Assert.Equal(SegmentPool.BlockSize, second.Memory.Length);
    }

    [Fact]
    public void ReturningABlockTwiceKeepsItOnce()
    {
        using var pool = new SegmentPool(8);
        var block = pool.Rent();
        block.Dispose();
        block.Dispose();

        Assert.Equal(1, pool.Retained);
        using var a = pool.Rent();
        using var b = pool.Rent();
        Assert.NotSame(a, b);
    }

    [Fact]
    public void AtMostMaxRetainedBlocksAreKept()
    {
        using var pool = new SegmentPool(3);
        var blocks = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList();
        Assert.Equal(10, blocks.Distinct().Count());

        blocks.ForEach(b => b.Dispose());

        Assert.Equal(3, pool.Retained);
    }

    [Fact]
    public void ABlockLargerThanTheBlockSizeIsNotOffered()
    {
        using var pool = new SegmentPool(8);

        Assert.Equal(SegmentPool.BlockSize, pool.MaxBufferSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(SegmentPool.BlockSize + 1));
    }

    [Fact]
    public async Task ManyConnectionsHoldingBlocksAtOnceAllReceiveTheirBytes()
    {
        // A thousand connections each hold an unread frame: far more blocks at once than any pool keeps free.
        var pairs = Enumerable.Range(0, 1000).Select(_ => ChatConnection.CreatePair()).ToList();
        try
        {
            for (var i = 0; i < pairs.Count; i++)
            {
                await pairs[i].Server.SendAsync(new Ping(i)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            }

            for (var i = 0; i < pairs.Count; i++)
            {
                Assert.Equal(new Ping(i), await pairs[i].Client.ReceiveAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            }
        }
        finally
        {
            foreach (var (client, server) in pairs)
            {
                await client.DisposeAsync();
                await server.DisposeAsync();
            }
        }
    }
}
