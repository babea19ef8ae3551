using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// Delivers the room's messages to the members connected to this server: one pass over an
/// array, handing the same encoded message to each member's queue. Nothing is allocated per
/// delivery and nothing waits.
/// </summary>
/// <remarks>Not thread-safe by itself: <see cref="Room"/> calls it under its lock.</remarks>
internal sealed class LocalRoomBroadcaster : IRoomBroadcaster
{
    private readonly Dictionary<IRoomMember, int> _slots = new(ReferenceEqualityComparer.Instance);
    private IRoomMember[] _members = new IRoomMember[16];
    private int _count;

    public void Add(IRoomMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (_slots.ContainsKey(member))
        {
            return;
        }

        if (_count == _members.Length)
        {
            Array.Resize(ref _members, _members.Length * 2);
        }

        _slots.Add(member, _count);
        _members[_count++] = member;
    }

    public void Remove(IRoomMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!_slots.Remove(member, out var slot))
        {
            return;
        }

        // Move the last member into the hole: order among members does not matter, only the
        // order of messages each one receives.
        var last = --_count;
        if (slot != last)
        {
            var moved = _members[last];
            _members[slot] = moved;
            _slots[moved] = slot;
        }

        _members[last] = null!;
    }

    public void Publish(EncodedMessage message, IReadOnlySet<IRoomMember>? except = null, Audience audience = Audience.Everyone)
    {
        ArgumentNullException.ThrowIfNull(message);
        var members = _members;
        var count = _count;
        var presence = message.Message is UsersJoined or UsersLeft;
        if (!presence && except is null && audience == Audience.Everyone)
        {
            // A line: the hot path, one pass handing the same bytes to every queue.
            for (var i = 0; i < count; i++)
            {
                members[i].Deliver(message);
            }

            return;
        }

        for (var i = 0; i < count; i++)
        {
            var member = members[i];
            if ((!presence || member.ReceivesPresence)
                && (except is null || !except.Contains(member))
                && (audience == Audience.Everyone || member.SpeaksRooms == (audience == Audience.RoomsOnly)))
            {
                member.Deliver(message);
            }
        }
    }

    public void Send(IRoomMember member, EncodedMessage message)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(message);
        member.Deliver(message);
    }
}
