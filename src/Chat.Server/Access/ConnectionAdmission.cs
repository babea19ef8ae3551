using System.Net;

namespace Chat.Server;

/// <summary>
/// Decides which connections a server takes, per address: how many each address may have open,
/// how many not yet past the hello, how many new ones per interval, and how many users in the room
/// (<see cref="ChatServerOptions"/>, the limits per address). Addresses in
/// <see cref="ChatServerOptions.Exempt"/> have no limits per address. It also keeps every
/// connection that has not said hello in order of age, so that the server, at its connection cap,
/// can evict the oldest to make room (<see cref="TakeOldestPending"/>).
/// </summary>
/// <remarks>Thread-safe: the accept loop and the sessions call it concurrently; one lock guards everything.</remarks>
internal sealed class ConnectionAdmission
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, AddressState> _addresses = [];
    private readonly LinkedList<AdmissionTicket> _pending = new();
    private readonly ChatServerOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the admission.</summary>
    /// <param name="options">The limits, the exemptions and the clock.</param>
    /// <param name="summary">Where refusals, evictions and bad passwords are counted for the log.</param>
    public ConnectionAdmission(ChatServerOptions options, AccessSummary summary)
    {
        _options = options;
        _time = options.TimeProvider;
        Summary = summary;
    }

    /// <summary>Where refusals, evictions and bad passwords are counted for the log.</summary>
    public AccessSummary Summary { get; }

    /// <summary>How many connections have not said hello yet.</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>How many addresses are being counted (for tests: entries are swept when idle).</summary>
    public int AddressCount
    {
        get
        {
            lock (_lock)
            {
                return _addresses.Count;
            }
        }
    }

    /// <summary>Decides whether a new connection from <paramref name="address"/> may stay.</summary>
    /// <param name="address">The client's address (normalized), or <see langword="null"/> for a connection without one.</param>
    /// <param name="ticket">The connection's ticket when it may; <see langword="null"/> otherwise.</param>
    /// <returns>The limit that refused it, or <see langword="null"/> when it may stay.</returns>
    public RefusalKind? TryAdmit(IPAddress? address, out AdmissionTicket? ticket)
    {
        lock (_lock)
        {
            AddressState? state = null;
            if (address is not null && !ClientAddress.IsIn(address, _options.Exempt))
            {
                state = StateOf(address);
                var refusal = Check(state);
                if (refusal is not null)
                {
                    ticket = null;
                    return refusal;
                }

                state.NewTokens -= 1;
                state.Open++;
                state.Pending++;
            }

            ticket = new AdmissionTicket(this, address, state);
            ticket.PendingNode = _pending.AddLast(ticket);
            return null;
        }
    }

    /// <summary>
    /// Takes the connection that has waited longest without saying hello out of the waiting ones,
    /// for the server to evict it.
    /// </summary>
    /// <returns>Its ticket, or <see langword="null"/> when every connection has said hello.</returns>
    public AdmissionTicket? TakeOldestPending()
    {
        lock (_lock)
        {
            var oldest = _pending.First?.Value;
            if (oldest is not null)
            {
                LeavePending(oldest);
            }

            return oldest;
        }
    }

    /// <summary>Forgets addresses that have nothing open and whose allowance of new connections has refilled.</summary>
    public void Sweep()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            List<IPAddress>? idle = null;
            foreach (var (address, state) in _addresses)
            {
                if (state.Open == 0 && state.Members == 0 && Refill(state, now) >= _options.MaxNewConnectionsPerAddress)
                {
                    (idle ??= []).Add(address);
                }
            }

            foreach (var address in idle ?? [])
            {
                _addresses.Remove(address);
            }
        }
    }

    internal void HelloReceived(AdmissionTicket ticket)
    {
        lock (_lock)
        {
            LeavePending(ticket);
        }
    }

    internal bool TryAddMember(AdmissionTicket ticket)
    {
        lock (_lock)
        {
            if (ticket.IsMember || ticket.IsReleased)
            {
                return !ticket.IsReleased;
            }

            if (ticket.State is { } state)
            {
                if (_options.MaxMembersPerAddress > 0 && state.Members >= _options.MaxMembersPerAddress)
                {
                    return false;
                }

                state.Members++;
            }

            ticket.IsMember = true;
            return true;
        }
    }

    internal void Release(AdmissionTicket ticket)
    {
        lock (_lock)
        {
            if (ticket.IsReleased)
            {
                return;
            }

            LeavePending(ticket);
            ticket.IsReleased = true;
            if (ticket.State is { } state)
            {
                state.Open--;
                if (ticket.IsMember)
                {
                    state.Members--;
                }
            }
        }
    }

    private void LeavePending(AdmissionTicket ticket)
    {
        if (ticket.PendingNode is { } node)
        {
            _pending.Remove(node);
            ticket.PendingNode = null;
            if (ticket.State is { } state)
            {
                state.Pending--;
            }
        }
    }

    private AddressState StateOf(IPAddress address)
    {
        if (!_addresses.TryGetValue(address, out var state))
        {
            state = new AddressState { NewTokens = _options.MaxNewConnectionsPerAddress, Updated = _time.GetTimestamp() };
            _addresses[address] = state;
        }

        return state;
    }

    private RefusalKind? Check(AddressState state)
    {
        if (_options.MaxConnectionsPerAddress > 0 && state.Open >= _options.MaxConnectionsPerAddress)
        {
            return RefusalKind.ConnectionsPerAddress;
        }

        if (_options.MaxPendingPerAddress > 0 && state.Pending >= _options.MaxPendingPerAddress)
        {
            return RefusalKind.PendingPerAddress;
        }

        if (_options.MaxNewConnectionsPerAddress > 0 && Refill(state, _time.GetTimestamp()) < 1)
        {
            return RefusalKind.NewConnectionsPerAddress;
        }

        if (_options.MaxNewConnectionsPerAddress == 0)
        {
            state.NewTokens = 1; // no limit: the token taken for this connection is never missed
        }

        return null;
    }

    /// <summary>Brings the address's allowance of new connections up to date: the whole allowance comes back over one interval.</summary>
    private double Refill(AddressState state, long now)
    {
        var perSecond = _options.MaxNewConnectionsPerAddress / _options.NewConnectionInterval.TotalSeconds;
        state.NewTokens = Math.Min(_options.MaxNewConnectionsPerAddress, state.NewTokens + (_time.GetElapsedTime(state.Updated, now).TotalSeconds * perSecond));
        state.Updated = now;
        return state.NewTokens;
    }
}
