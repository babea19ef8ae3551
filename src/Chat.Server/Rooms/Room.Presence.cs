using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// Presence: joins and departures gathered into batches, per room.
/// </summary>
/// <remarks>
/// <para>
/// A batch holds joins or departures, never both, in the order they happened; a change of kind
/// sends the batch first. Any other message (a line, a private message, a notice) also sends the
/// pending batch first. So everyone learns that a user is here before hearing from them, and
/// hears a user's last words before learning that they left, while a crowd of joins in one
/// interval still costs a single notice.
/// </para>
/// <para>
/// Each notice goes to every member who hears presence (<see cref="IRoomMember.ReceivesPresence"/>;
/// bots may opt out), so a large room gathers for longer: at least
/// <see cref="ChatServerOptions.PresenceInterval"/>, and at least the room's size divided by
/// <see cref="ChatServerOptions.PresenceDeliveriesPerSecond"/> (counting those who hear it). A batch that reaches
/// <see cref="ChatServerOptions.MaxPresenceBatch"/> names goes out at once, and one that would
/// grow past <see cref="ChatServerOptions.MaxSentFrameLength"/> bytes goes out first.
/// </para>
/// <para>
/// Every notice is exact for its receiver: a join names only users it does not know of, a
/// departure only users it knows of. A newcomer's welcome already lists everyone present, the
/// pending batch up to the newcomer included, so the members who were there before the batch
/// get the whole batch (encoded once, shared) and each joiner of the batch gets only the names
/// that joined after it (the last joiner gets nothing). That costs each joiner one more
/// encoding, no larger than the list its welcome already carried.
/// </para>
/// </remarks>
internal sealed partial class Room
{
    private readonly List<string> _pendingJoins = [];
    private readonly List<IRoomMember> _pendingJoiners = [];
    private readonly HashSet<IRoomMember> _joinersInBatch = new(ReferenceEqualityComparer.Instance);
    private readonly List<Departure> _pendingDepartures = [];
    private readonly TimeSpan _presenceInterval;
    private readonly int _maxPresenceBatch;
    private readonly int _presenceDeliveriesPerSecond;
    private readonly long _maxPresenceBytes;
    private readonly ITimer _presenceTimer;
    private int _presenceMembers; // members who hear presence (IRoomMember.ReceivesPresence)
    private long _pendingBytes; // a bound on the encoded size of the pending batch (FrameBudget)
    private bool _timerArmed;

    private void AddJoin(IRoomMember member)
    {
        if (_pendingDepartures.Count > 0)
        {
            FlushPresence();
        }

        var bound = FrameBudget.Of(member.Name);
        if (_pendingJoins.Count > 0 && _pendingBytes + bound > _maxPresenceBytes)
        {
            FlushPresence();
        }

        _pendingBytes += bound;
        _pendingJoins.Add(member.Name);
        _pendingJoiners.Add(member);
        _joinersInBatch.Add(member);
        AfterPresenceAdded(_pendingJoins.Count);
    }

    private void AddDeparture(Departure departure)
    {
        if (_pendingJoins.Count > 0)
        {
            FlushPresence();
        }

        var bound = FrameBudget.Of(departure);
        if (_pendingDepartures.Count > 0 && _pendingBytes + bound > _maxPresenceBytes)
        {
            FlushPresence();
        }

        _pendingBytes += bound;
        _pendingDepartures.Add(departure);
        AfterPresenceAdded(_pendingDepartures.Count);
    }

    private void AfterPresenceAdded(int pending)
    {
        if (pending >= _maxPresenceBatch || _presenceInterval == TimeSpan.Zero)
        {
            FlushPresence();
        }
        else if (!_timerArmed)
        {
            _timerArmed = true;
            _presenceTimer.Change(PresenceDelay(), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>How long to gather presence changes in a room of the current size.</summary>
    private TimeSpan PresenceDelay()
    {
        if (_presenceDeliveriesPerSecond == 0)
        {
            return _presenceInterval;
        }

        var spread = TimeSpan.FromSeconds(_presenceMembers / (double)_presenceDeliveriesPerSecond);
        return spread > _presenceInterval ? spread : _presenceInterval;
    }

    /// <summary>Sends the pending batch, if any. Called under the lock.</summary>
    private void FlushPresence()
    {
        _pendingBytes = 0;
        if (_pendingJoins.Count > 0)
        {
            var names = _pendingJoins.ToArray();
            Emit(EncodedMessage.Encode(new UsersJoined(names) { Room = Name }), except: _joinersInBatch);

            // A joiner's welcome listed the batch up to its own name: it hears only of those after it.
            for (var i = 0; i < _pendingJoiners.Count - 1; i++)
            {
                var joiner = _pendingJoiners[i];
                if (joiner.ReceivesPresence)
                {
                    EmitTo(joiner, EncodedMessage.Encode(new UsersJoined(names[(i + 1)..]) { Room = Name }));
                }
            }

            ClearJoins();
        }
        else if (_pendingDepartures.Count > 0)
        {
            var left = new UsersLeft(_pendingDepartures.ToArray()) { Room = Name };
            _pendingDepartures.Clear();
            Emit(EncodedMessage.Encode(left));
        }
    }

    private void ClearJoins()
    {
        _pendingJoins.Clear();
        _pendingJoiners.Clear();
        _joinersInBatch.Clear();
    }

    private void DiscardPresence()
    {
        _pendingBytes = 0;
        ClearJoins();
        _pendingDepartures.Clear();
        _presenceTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void OnPresenceTimer()
    {
        lock (_lock)
        {
            _timerArmed = false;
            if (!_closed)
            {
                FlushPresence();
            }
        }
    }
}
