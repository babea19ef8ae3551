using Chat.Protocol;

namespace Chat.LoadTest.Clients;

/// <summary>
/// The users one client sees, kept as the client library keeps them (a set: a name announced
/// twice counts once) but in a bit per user of the run, since 10,000 clients each holding
/// 10,000 names in a hash set would take gigabytes. Names that are not the run's (people
/// already in the room) go in a small set of their own.
/// </summary>
internal sealed class PresenceSet
{
    private readonly int _tag;
    private readonly ulong[] _bits;
    private HashSet<string>? _others;

    public PresenceSet(int tag, int runUsers)
    {
        _tag = tag;
        _bits = new ulong[(runUsers + 63) / 64];
    }

    /// <summary>How many users are in the set.</summary>
    public int Count { get; private set; }

    public void Add(string name)
    {
        if (ClientFleet.TryParseIndex(name, _tag, out var index) && index < _bits.Length * 64)
        {
            ref var word = ref _bits[index >> 6];
            var bit = 1UL << (index & 63);
            if ((word & bit) == 0)
            {
                word |= bit;
                Count++;
            }
        }
        else if ((_others ??= new HashSet<string>(UserNameRules.Comparer)).Add(name))
        {
            Count++;
        }
    }

    /// <summary>Whether <paramref name="name"/> is in the set.</summary>
    public bool Contains(string name) =>
        ClientFleet.TryParseIndex(name, _tag, out var index) && index < _bits.Length * 64
            ? (_bits[index >> 6] & (1UL << (index & 63))) != 0
            : _others is not null && _others.Contains(name);

    public void Remove(string name)
    {
        if (ClientFleet.TryParseIndex(name, _tag, out var index) && index < _bits.Length * 64)
        {
            ref var word = ref _bits[index >> 6];
            var bit = 1UL << (index & 63);
            if ((word & bit) != 0)
            {
                word &= ~bit;
                Count--;
            }
        }
        else if (_others is not null && _others.Remove(name))
        {
            Count--;
        }
    }
}
