using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// Presence: joins and departures gathered into batches.
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
/// <see cref="ChatServerOptions.MaxPresenceBatch"/> names goes out at once.
/// </para>
/// <para>
/// A newcomer's welcome already lists everyone present, the pending batch included. The last
/// joiner of a batch knows the whole batch, so the batch skips them; earlier joiners of the
/// batch receive it (the names after theirs are news to them, the others harmless repeats).
/// </para>
/// </remarks>
internal sealed partial class ChatRoom
{
    private readonly List<string> _pendingJoins = [];
    private readonly List<Departure> _pendingDepartures = [];
    private readonly TimeSpan _presenceInterval;
    private readonly int _maxPresenceBatch;
    private readonly int _presenceDeliveriesPerSecond;
    private readonly ITimer _presenceTimer;
    private IRoomMember? _lastJoiner;
    private int _presenceMembers; // members who hear presence (IRoomMember.ReceivesPresence)
    private bool _timerArmed;

    private void AddJoin(IRoomMember member)
    {
        if (_pendingDepartures.Count > 0)
        {
            FlushPresence();
        }

        _pendingJoins.Add(member.Name);
        _lastJoiner = member;
        AfterPresenceAdded(_pendingJoins.Count);
    }

    private void AddDeparture(Departure departure)
    {
        if (_pendingJoins.Count > 0)
        {
            FlushPresence();
        }

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
        if (_pendingJoins.Count > 0)
        {
            var joined = new UsersJoined(_pendingJoins.ToArray());
            var lastJoiner = _lastJoiner;
            _pendingJoins.Clear();
            _lastJoiner = null;
            _broadcaster.Publish(EncodedMessage.Encode(joined), except: lastJoiner);
        }
        else if (_pendingDepartures.Count > 0)
        {
            var left = new UsersLeft(_pendingDepartures.ToArray());
            _pendingDepartures.Clear();
            _broadcaster.Publish(EncodedMessage.Encode(left));
        }
    }

    private void DiscardPresence()
    {
        _pendingJoins.Clear();
        _pendingDepartures.Clear();
        _lastJoiner = null;
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
