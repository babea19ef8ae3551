using System.Buffers;

namespace Chat.Protocol.Internal;

/// <summary>
/// A per-thread buffer to encode a message body into before its length is known. Its memory
/// comes from <see cref="ArrayPool{T}.Shared"/>: a large message (a welcome listing thousands of
/// users) borrows a large array and gives it back, instead of leaving garbage behind each time.
/// </summary>
/// <remarks>Not reentrant: take it, write, read what was written, and let go before the next use on the same thread.</remarks>
internal sealed class ScratchBuffer : IBufferWriter<byte>
{
    /// <summary>Arrays up to this size stay with the thread between uses; larger ones go back to the pool.</summary>
    internal const int KeepLimit = 64 * 1024;

    private const int InitialSize = 1024;

    [ThreadStatic]
    private static ScratchBuffer? t_buffer;

    private byte[] _array = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _written;

    /// <summary>The calling thread's buffer, emptied.</summary>
    public static ScratchBuffer ForThisThread()
    {
        var buffer = t_buffer ??= new ScratchBuffer();
        buffer._written = 0;
        return buffer;
    }

    /// <summary>What was written since <see cref="ForThisThread"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _written);

    /// <summary>How many bytes were written.</summary>
    public int WrittenCount => _written;

    /// <summary>The size of the array held now.</summary>
    internal int Capacity => _array.Length;

    /// <summary>Gives a large array back to the pool once its content has been copied out.</summary>
    public void Trim()
    {
        if (_array.Length > KeepLimit)
        {
            var large = _array;
            _array = ArrayPool<byte>.Shared.Rent(InitialSize);
            ArrayPool<byte>.Shared.Return(large);
        }

        _written = 0;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_array.Length - _written >= needed)
        {
            return;
        }

        var size = (int)Math.Min(Array.MaxLength, Math.Max((long)_array.Length * 2, (long)_written + needed));
        var larger = ArrayPool<byte>.Shared.Rent(size);
        _array.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = larger;
    }
}
