using System.Buffers;

namespace Chat.Fuzz;

/// <summary>The same bytes as a <see cref="ReadOnlySequence{T}"/> of small segments, as a socket's reads may deliver them.</summary>
internal static class ChunkedSequence
{
    /// <summary>Splits <paramref name="bytes"/> into segments of <paramref name="chunk"/> bytes (the last may be shorter).</summary>
    public static ReadOnlySequence<byte> Of(ReadOnlyMemory<byte> bytes, int chunk)
    {
        if (bytes.Length <= chunk)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        var first = new Segment(bytes[..chunk], 0);
        var last = first;
        for (var offset = chunk; offset < bytes.Length; offset += chunk)
        {
            last = last.Append(bytes[offset..Math.Min(offset + chunk, bytes.Length)]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
