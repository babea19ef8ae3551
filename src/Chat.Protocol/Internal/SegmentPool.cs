using System.Buffers;

namespace Chat.Protocol.Internal;

/// <summary>
/// The memory behind every connection's pipes: blocks of <see cref="BlockSize"/> bytes, kept for
/// reuse. When a thousand connections each hold a block at the same moment (a broadcast whose
/// sockets have not yet taken their bytes), the shared array pool, which keeps a few dozen
/// arrays of a size, runs dry and every further block is a new array; this pool keeps up to
/// <see cref="MaxRetained"/> blocks, so a server under such load stops allocating once it has
/// as many as it uses at once.
/// </summary>
/// <remarks>
/// <para>
/// A block is its own <see cref="IMemoryOwner{T}"/>: renting and returning allocate nothing.
/// Blocks are pinned (allocated on the pinned object heap), as memory handed to sockets
/// should be. Larger requests (a frame bigger than a block) do not come here: a pipe asks the
/// shared array pool for anything above <see cref="MaxBufferSize"/>.
/// </para>
/// <para>
/// Memory is only retained up to the most blocks in use at once, at most
/// <see cref="MaxRetained"/> × <see cref="BlockSize"/> bytes; an idle connection holds none (its
/// receive loop waits for data before it asks for a block).
/// </para>
/// </remarks>
internal sealed class SegmentPool : MemoryPool<byte>
{
    /// <summary>The size of every block.</summary>
    public const int BlockSize = 4096;

    private readonly Lock _lock = new();
    private readonly Block?[] _free;
    private int _count;

    /// <summary>Creates an empty pool.</summary>
    /// <param name="maxRetained">The most free blocks kept; blocks returned beyond that are left to the garbage collector.</param>
    public SegmentPool(int maxRetained)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetained);
        _free = new Block?[maxRetained];
    }

    /// <summary>The pool every connection uses: up to 4,096 blocks (16 MiB) kept.</summary>
    public static SegmentPool ForConnections { get; } = new(4096);

    /// <summary>The most free blocks kept.</summary>
    public int MaxRetained => _free.Length;

    /// <summary>How many free blocks are kept now.</summary>
    public int Retained
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        Block? block = null;
        lock (_lock)
        {
            if (_count > 0)
            {
                block = _free[--_count];
                _free[_count] = null;
            }
        }

        block ??= new Block(this);
        block.IsRented = true;
        return block;
    }

    protected override void Dispose(bool disposing)
    {
        // Shared for the life of the process: nothing to release.
    }

    private void Return(Block block)
    {
        lock (_lock)
        {
            if (_count < _free.Length)
            {
                _free[_count++] = block;
            }
        }
    }

    private sealed class Block(SegmentPool pool) : IMemoryOwner<byte>
    {
        private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);

        public bool IsRented { get; set; }

        public Memory<byte> Memory => _array;

        public void Dispose()
        {
            if (IsRented)
            {
                IsRented = false;
                pool.Return(this);
            }
        }
    }
}
