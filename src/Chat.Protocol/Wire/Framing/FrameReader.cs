using System.Buffers;
using System.Buffers.Binary;

namespace Chat.Protocol.Wire;

/// <summary>
/// Splits a byte stream into frames: a 4-byte big-endian unsigned length, then that many
/// bytes of body.
/// </summary>
/// <remarks>Part of the wire layer (<c>Chat.Protocol.Wire</c>), for servers, transports and tools; an app talks to a server through <see cref="ChatClient"/>.</remarks>
public static class FrameReader
{
    /// <summary>
    /// Tries to take one whole frame from the front of <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">
    /// The bytes received so far. On success it is advanced past the frame; otherwise it is left as it was.
    /// </param>
    /// <param name="maxFrameLength">The largest body accepted, in bytes. Checked from the prefix, before the body arrives.</param>
    /// <param name="body">On success, the frame's body (without the prefix), a slice of <paramref name="buffer"/>.</param>
    /// <returns><see langword="true"/> when a whole frame was available; <see langword="false"/> when more bytes are needed.</returns>
    /// <exception cref="ChatProtocolException">The prefix announces a body larger than <paramref name="maxFrameLength"/>.</exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameLength, out ReadOnlySequence<byte> body)
    {
        body = default;
        if (buffer.Length < ProtocolInfo.FramePrefixLength)
        {
            return false;
        }

        var length = ReadPrefix(buffer);
        if (length > (uint)maxFrameLength)
        {
            throw new ChatProtocolException(
                $"A frame of {length} bytes is larger than the {maxFrameLength} bytes allowed.", ErrorCode.FrameTooLarge);
        }

        var total = ProtocolInfo.FramePrefixLength + (long)length;
        if (buffer.Length < total)
        {
            return false;
        }

        body = buffer.Slice(ProtocolInfo.FramePrefixLength, length);
        buffer = buffer.Slice(total);
        return true;
    }

    private static uint ReadPrefix(in ReadOnlySequence<byte> buffer)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= ProtocolInfo.FramePrefixLength)
        {
            return BinaryPrimitives.ReadUInt32BigEndian(first);
        }

        Span<byte> prefix = stackalloc byte[ProtocolInfo.FramePrefixLength];
        buffer.Slice(0, ProtocolInfo.FramePrefixLength).CopyTo(prefix);
        return BinaryPrimitives.ReadUInt32BigEndian(prefix);
    }
}
