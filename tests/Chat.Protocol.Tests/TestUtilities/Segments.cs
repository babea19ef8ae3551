using System.Buffers;

namespace Chat.Protocol.Tests.TestUtilities;

/// <summary>Builds a <see cref="ReadOnlySequence{T}"/> split into segments of chosen sizes, as a pipe may deliver it.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>Splits <paramref name="bytes"/> into segments of <paramref name="sizes"/>, and one more for what is left.</summary>
    public static ReadOnlySequence<byte> Of(byte[] bytes, params int[] sizes)
    {
        var offset = 0;
        Segments? first = null;
        Segments? last = null;
        foreach (var size in sizes.Append(bytes.Length - sizes.Sum()))
        {
            var segment = new Segments(bytes.AsMemory(offset, size), offset);
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.Next = segment;
            }

            last = segment;
            offset += size;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }
}
