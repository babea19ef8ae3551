using Chat.Protocol.Internal;
using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Internal;

public class ScratchBufferTests
{
    [Fact]
    public void WhatIsWrittenIsReadBackAcrossGrowth()
    {
        var buffer = ScratchBuffer.ForThisThread();
        var expected = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();

        for (var offset = 0; offset < expected.Length;)
        {
            var span = buffer.GetSpan(1000);
            var count = Math.Min(1000, expected.Length - offset);
            expected.AsSpan(offset, count).CopyTo(span);
            buffer.Advance(count);
            offset += count;
        }

        Assert.Equal(expected.Length, buffer.WrittenCount);
        Assert.True(buffer.WrittenSpan.SequenceEqual(expected));
        buffer.Trim();
    }

    [Fact]
    public void ALargeArrayIsGivenBackAfterUseAndASmallOneKept()
    {
        var buffer = ScratchBuffer.ForThisThread();
        buffer.GetSpan(ScratchBuffer.KeepLimit * 2);
        Assert.True(buffer.Capacity > ScratchBuffer.KeepLimit);

        buffer.Trim();

        Assert.True(buffer.Capacity <= ScratchBuffer.KeepLimit);
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void AdvancingPastTheSpanIsRefused()
    {
        var buffer = ScratchBuffer.ForThisThread();
        var length = buffer.GetSpan(10).Length;

        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(length + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(-1));
    }

    [Fact]
    public void FramesEncodedAfterAHugeOneAreStillRight()
    {
        var huge = new Welcome(1, "alice", "ChatRoom", [.. Enumerable.Range(0, 20_000).Select(i => $"user{i}")], "", [], 4000, 32768);

        var hugeFrame = MessageSerializer.ToFrame(huge);
        var small = MessageSerializer.ToFrame(SampleMessages.TextPosted);

        Assert.Equivalent(huge, MessageSerializer.Decode(hugeFrame.AsMemory(4)), strict: true);
        Assert.Equal(SampleMessages.TextPosted, MessageSerializer.Decode(small.AsMemory(4)));
        Assert.Equal(small.Length - 4, (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(small));
    }
}
