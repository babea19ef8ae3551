using System.Buffers.Binary;
using Chat.Protocol;

namespace Chat.LoadTest.Clients;

/// <summary>
/// One thin client's receive buffer: the socket reads into its free space, whole frames are
/// taken from its front by their length prefix, and the start of a frame still arriving is moved
/// to the front before the next read. One array, reused for every read; it grows only for a frame
/// larger than itself.
/// </summary>
internal sealed class ReceiveBuffer
{
    private byte[] _bytes;
    private int _start; // the first byte not yet taken
    private int _end; // one past the last byte received

    /// <param name="size">The buffer's size, in bytes, until a larger frame arrives.</param>
    public ReceiveBuffer(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, ProtocolInfo.FramePrefixLength);
        _bytes = new byte[size];
    }

    /// <summary>The buffer's size now.</summary>
    public int Capacity => _bytes.Length;

    /// <summary>Bytes received and not yet taken as frames.</summary>
    public int Pending => _end - _start;

    /// <summary>Where the next read goes. Call <see cref="MakeRoom"/> before each read.</summary>
    public Memory<byte> FreeSpace => _bytes.AsMemory(_end);

    /// <summary>The read put <paramref name="count"/> bytes into <see cref="FreeSpace"/>.</summary>
    public void Commit(int count) => _end += count;

    /// <summary>
    /// Takes the next whole frame, if one has arrived; <paramref name="body"/> is its body (without
    /// the prefix), valid until the next <see cref="MakeRoom"/>.
    /// </summary>
    /// <exception cref="ChatProtocolException">The prefix announces a body larger than <paramref name="maxFrameLength"/>.</exception>
    public bool TryTakeFrame(int maxFrameLength, out ReadOnlyMemory<byte> body)
    {
        body = default;
        if (_end - _start < ProtocolInfo.FramePrefixLength)
        {
            return false;
        }

        var length = BodyLength(maxFrameLength);
        if (_end - _start - ProtocolInfo.FramePrefixLength < length)
        {
            return false;
        }

        body = _bytes.AsMemory(_start + ProtocolInfo.FramePrefixLength, length);
        _start += ProtocolInfo.FramePrefixLength + length;
        return true;
    }

    /// <summary>
    /// Makes room for the next read: moves a partly received frame to the front (or starts over
    /// when every byte was taken), and grows the buffer when that frame is larger than it.
    /// </summary>
    /// <exception cref="ChatProtocolException">The waiting frame's prefix announces a body larger than <paramref name="maxFrameLength"/>.</exception>
    public void MakeRoom(int maxFrameLength)
    {
        var pending = _end - _start;
        if (pending == 0)
        {
            _start = _end = 0;
            return;
        }

        var needed = pending >= ProtocolInfo.FramePrefixLength
            ? ProtocolInfo.FramePrefixLength + BodyLength(maxFrameLength)
            : ProtocolInfo.FramePrefixLength;
        if (needed > _bytes.Length)
        {
            var larger = new byte[Math.Max(needed, Math.Min(2 * _bytes.Length, ProtocolInfo.FramePrefixLength + maxFrameLength))];
            _bytes.AsSpan(_start, pending).CopyTo(larger);
            _bytes = larger;
        }
        else if (_start > 0)
        {
            // At most one frame's start: a few hundred bytes at the usual sizes.
            _bytes.AsSpan(_start, pending).CopyTo(_bytes);
        }

        _start = 0;
        _end = pending;
    }

    private int BodyLength(int maxFrameLength)
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(_start));
        if (length > (uint)maxFrameLength)
        {
            throw new ChatProtocolException(
                $"A frame of {length} bytes is larger than the {maxFrameLength} bytes allowed.", ErrorCode.FrameTooLarge);
        }

        return (int)length;
    }
}
