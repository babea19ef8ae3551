using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Unicode;

namespace Chat.Protocol.Internal;

/// <summary>
/// Turns the UTF-8 bytes of a user name into a string, handing back the same string instance for
/// the same name. A client hears the same few names in every line, join and departure (and a
/// process of many clients, such as a load generator, hears the same thousands of names in every
/// welcome), so most decodes find their name here and allocate nothing.
/// </summary>
/// <remarks>
/// <para>
/// The cache is an array of slots in sets of two, indexed by a hash of the bytes; a name that
/// does not fit replaces an older one. It starts small and doubles, up to its maximum, each time
/// it has missed as many names as it has slots (the names in use no longer fit), so a client in a
/// small room holds a few KiB and a process that sees tens of thousands of names gets room for
/// them. Only ASCII names of up to <see cref="MaxNameBytes"/> bytes are kept (every name
/// <see cref="UserNameRules"/> allows is one); anything else is decoded as usual.
/// </para>
/// <para>
/// Thread-safe without locks: a slot holds a reference to an immutable string, read once and
/// compared in full against the bytes, so a race between two threads (or with a growth) can only
/// cost a miss.
/// </para>
/// </remarks>
internal sealed class NameCache
{
    /// <summary>The longest name kept, in bytes; longer ones are decoded without the cache.</summary>
    public const int MaxNameBytes = 64;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly int _maxSlots;
    private string?[] _slots;
    private int _misses;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="slots">How many names it holds at first: a power of two, at least 2.</param>
    /// <param name="maxSlots">How many it may grow to: a power of two, at least <paramref name="slots"/>.</param>
    public NameCache(int slots, int maxSlots)
    {
        if (slots < 2 || !BitOperations.IsPow2(slots))
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "The number of slots must be a power of two, at least 2.");
        }

        if (maxSlots < slots || !BitOperations.IsPow2(maxSlots))
        {
            throw new ArgumentOutOfRangeException(nameof(maxSlots), maxSlots, "The most slots must be a power of two, at least the initial number.");
        }

        _slots = new string?[slots];
        _maxSlots = maxSlots;
    }

    /// <summary>Creates an empty cache of a fixed size.</summary>
    /// <param name="slots">How many names it holds: a power of two, at least 2.</param>
    public NameCache(int slots)
        : this(slots, slots)
    {
    }

    /// <summary>
    /// The cache the decoder uses: 1,024 names at first (8 KiB of references), growing to 65,536
    /// (512 KiB) in a process that keeps meeting new ones.
    /// </summary>
    public static NameCache Shared { get; } = new(1024, 64 * 1024);

    /// <summary>How many names it holds at most now.</summary>
    public int Capacity => Volatile.Read(ref _slots).Length;

    /// <summary>
    /// The string for <paramref name="utf8"/>: the cached instance when there is one, otherwise a
    /// new string (cached when it is a short ASCII name). Bytes that are not valid UTF-8 give no string.
    /// </summary>
    /// <param name="utf8">The name's UTF-8 bytes, as they came off the wire.</param>
    /// <param name="name">The decoded name, exactly as <see cref="Encoding.UTF8"/> decodes it; empty when this returns <see langword="false"/>.</param>
    /// <returns>Whether the bytes were valid UTF-8.</returns>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string name)
    {
        if (utf8.Length is 0 or > MaxNameBytes)
        {
            return TryDecode(utf8, out name);
        }

        var slots = Volatile.Read(ref _slots);
        var first = (int)(Hash(utf8) & (uint)((slots.Length / 2) - 1)) * 2;
        var cached = Volatile.Read(ref slots[first]);
        if (Matches(cached, utf8))
        {
            name = cached!;
            return true;
        }

        var second = Volatile.Read(ref slots[first + 1]);
        if (Matches(second, utf8))
        {
            name = second!;
            return true;
        }

        if (!Ascii.IsValid(utf8))
        {
            return TryDecode(utf8, out name);
        }

        // The newest name takes the first slot of its set; the one it displaces moves to the second.
        name = Encoding.ASCII.GetString(utf8);
        Volatile.Write(ref slots[first + 1], cached);
        Volatile.Write(ref slots[first], name);
        CountMiss(slots);
        return true;
    }

    /// <summary>Decodes a name the cache does not keep, refusing bytes that are not valid UTF-8.</summary>
    private static bool TryDecode(ReadOnlySpan<byte> utf8, out string name)
    {
        if (!Utf8.IsValid(utf8))
        {
            name = string.Empty;
            return false;
        }

        name = utf8.Length == 0 ? string.Empty : s_utf8.GetString(utf8);
        return true;
    }

    /// <summary>Doubles the cache once it has missed as many names as it holds (a racy count is good enough).</summary>
    private void CountMiss(string?[] slots)
    {
        if (slots.Length >= _maxSlots || ++_misses < slots.Length)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _slots, new string?[slots.Length * 2], slots) == slots)
        {
            _misses = 0;
        }
    }

    private static bool Matches(string? cached, ReadOnlySpan<byte> utf8) =>
        cached is not null && cached.Length == utf8.Length && Ascii.Equals(utf8, cached);

    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        // Eight bytes at a time, mixed by multiplication, then the last few bytes; names are short.
        var hash = (ulong)bytes.Length * 0x9E3779B97F4A7C15UL;
        var i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            hash = BitOperations.RotateLeft((hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * 0xFF51AFD7ED558CCDUL, 29);
        }

        if (i < bytes.Length)
        {
            ulong tail = 0;
            for (var j = i; j < bytes.Length; j++)
            {
                tail = (tail << 8) | bytes[j];
            }

            hash = BitOperations.RotateLeft((hash ^ tail) * 0xC4CEB9FE1A85EC53UL, 31);
        }

        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 29;
        return (uint)hash;
    }
}
