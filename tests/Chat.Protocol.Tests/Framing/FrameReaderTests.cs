using System.Buffers;
using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Framing;

public class FrameReaderTests
{
    [Fact]
    public void TakesOneWholeFrameAndLeavesTheRest()
    {
        var bytes = Hex.Frame([1, 2, 3]).Concat(Hex.Frame([4])).ToArray();
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(FrameReader.TryReadFrame(ref buffer, 100, out var body));

        Assert.Equal(new byte[] { 1, 2, 3 }, body.ToArray());
        Assert.Equal(Hex.Frame([4]), buffer.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void AnIncompleteFrameLeavesTheBufferAsItWas(int available)
    {
        var frame = Hex.Frame([1, 2, 3]);
        var buffer = new ReadOnlySequence<byte>(frame, 0, available);
        var before = buffer;

        Assert.False(FrameReader.TryReadFrame(ref buffer, 100, out _));
        Assert.Equal(before, buffer);
    }

    [Fact]
    public void APrefixSplitOverSegmentsIsRead()
    {
        var frame = Hex.Frame([9, 8, 7, 6, 5]);
        var buffer = Segments.Of(frame, 1, 1, 1, 1, 1, 1, 1, 1, 1);

        Assert.True(FrameReader.TryReadFrame(ref buffer, 100, out var body));
        Assert.Equal(new byte[] { 9, 8, 7, 6, 5 }, body.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void AZeroLengthFrameHasAnEmptyBody()
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Prefix(0));
        Assert.True(FrameReader.TryReadFrame(ref buffer, 100, out var body));
        Assert.True(body.IsEmpty);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void AFrameOfExactlyTheMaximumIsAccepted()
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Frame(new byte[100]));
        Assert.True(FrameReader.TryReadFrame(ref buffer, 100, out var body));
        Assert.Equal(100, body.Length);
    }

    [Theory]
    [InlineData(101u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0x80000000u)]
    [InlineData(0xFFFFFFFFu)]
    public void AnOversizedPrefixIsRejectedFromThePrefixAlone(uint announced)
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Prefix(announced));

        var ex = Assert.Throws<ChatProtocolException>(() => FrameReader.TryReadFrame(ref buffer, 100, out _));

        Assert.Equal(ErrorCode.FrameTooLarge, ex.Code);
        Assert.Equal($"A frame of {announced} bytes is larger than the 100 bytes allowed.", ex.Message);
    }
}
