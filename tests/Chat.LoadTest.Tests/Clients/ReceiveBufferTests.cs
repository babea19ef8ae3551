using System.Buffers.Binary;
using Chat.LoadTest.Clients;
using Chat.Protocol;

namespace Chat.LoadTest.Tests.Clients;

/// <summary>The thin client's receive buffer, fed as a socket would feed it: whole frames, parts of frames, several at once.</summary>
public class ReceiveBufferTests
{
    private const int Max = 1024 * 1024;

    [Fact]
    public void TakesEveryWholeFrameOfOneReadAndKeepsThePartialOne()
    {
        var buffer = new ReceiveBuffer(64);
        byte[] bytes = [.. Frame(1, 2, 3), .. Frame(4), .. Frame(5, 6)[..3]];

        Receive(buffer, bytes);

        Assert.Equal([[1, 2, 3], [4]], TakeAll(buffer));
        Assert.Equal(3, buffer.Pending);
    }

    [Fact]
    public void AFrameArrivingInPiecesIsTakenWhenItIsWhole()
    {
        var buffer = new ReceiveBuffer(16);
        var frames = new List<byte[]>();
        byte[] stream = [.. Frame(1, 2, 3, 4, 5), .. Frame(6, 7), .. Frame(), .. Frame(8, 9, 10, 11, 12, 13, 14, 15, 16, 17)];

        // One byte per read: every split point, the prefix's included.
        foreach (var b in stream)
        {
            buffer.MakeRoom(Max);
            Receive(buffer, [b]);
            frames.AddRange(TakeAll(buffer));
        }

        Assert.Equal([[1, 2, 3, 4, 5], [6, 7], [], [8, 9, 10, 11, 12, 13, 14, 15, 16, 17]], frames);
        Assert.Equal(0, buffer.Pending);
        Assert.Equal(16, buffer.Capacity);
    }

    [Fact]
    public void GrowsOnlyForAFrameLargerThanItself()
    {
        var buffer = new ReceiveBuffer(16);
        var large = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var frame = Frame(large);
        Receive(buffer, frame[..10]);
        Assert.Empty(TakeAll(buffer));

        buffer.MakeRoom(Max);
        Assert.True(buffer.Capacity >= frame.Length);
        Receive(buffer, frame[10..]);

        Assert.Equal(large, Assert.Single(TakeAll(buffer)));
    }

    [Fact]
    public void AFrameLargerThanAllowedIsAProtocolError()
    {
        var buffer = new ReceiveBuffer(16);
        var prefix = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, 1001);
        Receive(buffer, prefix);

        var refused = Assert.Throws<ChatProtocolException>(() => buffer.TryTakeFrame(1000, out _));
        Assert.Equal(ErrorCode.FrameTooLarge, refused.Code);
        Assert.Throws<ChatProtocolException>(() => buffer.MakeRoom(1000));
    }

    private static byte[] Frame(params byte[] body)
    {
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
        body.CopyTo(frame, 4);
        return frame;
    }

    private static void Receive(ReceiveBuffer buffer, byte[] bytes)
    {
        Assert.True(buffer.FreeSpace.Length >= bytes.Length, "no room for the read");
        bytes.CopyTo(buffer.FreeSpace);
        buffer.Commit(bytes.Length);
    }

    private static List<byte[]> TakeAll(ReceiveBuffer buffer)
    {
        var frames = new List<byte[]>();
        while (buffer.TryTakeFrame(Max, out var body))
        {
            frames.Add(body.ToArray());
        }

        return frames;
    }
}
