using System.Buffers;

namespace Chat.Benchmarks.Fixtures;

/// <summary>Builds a <see cref="ReadOnlySequence{T}"/> over bytes cut into segments, as a pipe hands them over.</summary>
/// <remarks>Also compiled into the fuzzer (bench/fuzz/Chat.Fuzz), which feeds its inputs in small segments.</remarks>
internal static class SegmentedSequence
{
    /// <summary>A sequence over <paramref name="bytes"/> in segments of <paramref name="segmentLength"/> bytes (the last may be shorter).</summary>
    public static ReadOnlySequence<byte> Create(ReadOnlyMemory<byte> bytes, int segmentLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentLength, 1);
        if (bytes.Length <= segmentLength)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        var first = new Segment(bytes[..segmentLength], 0);
        var last = first;
        for (var offset = segmentLength; offset < bytes.Length; offset += segmentLength)
        {
            last = last.Append(bytes.Slice(offset, Math.Min(segmentLength, bytes.Length - offset)));
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
