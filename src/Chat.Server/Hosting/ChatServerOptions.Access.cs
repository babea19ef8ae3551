using System.Net;

namespace Chat.Server;

/// <summary>
/// Who may connect, and how much: the password, the limits per address, the exemptions, the
/// frame budget and the summary log (docs/protocol.md section 8, and the README's "Running a server").
/// </summary>
/// <remarks>
/// The defaults are for a small team, possibly all behind one NAT address, that should never meet
/// them: 16 people from one address with two connections each still fit; a whole team reconnecting
/// after a restart opens far fewer than 30 connections in 10 s; a real client says hello within a
/// round trip, so 8 connections from one address waiting for their hello at once is already odd.
/// One address alone fills at most 16 of the room's places, and its idle connections can neither
/// hold more than 8 places in the handshake nor lock anybody out (the oldest is evicted at the cap).
/// </remarks>
internal sealed partial record ChatServerOptions
{
    /// <summary>The password clients must give (<c>Hello.Password</c>), or <see langword="null"/> for none.</summary>
    public ServerPassword? Password { get; init; }

    /// <summary>How long a client with a missing or wrong password waits for its rejection, so that passwords cannot be guessed quickly.</summary>
    public TimeSpan PasswordDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many connections one address may have open; 0 means no limit.</summary>
    public int MaxConnectionsPerAddress { get; init; } = 32;

    /// <summary>How many connections one address may have that have not said hello yet; 0 means no limit.</summary>
    public int MaxPendingPerAddress { get; init; } = 8;

    /// <summary>How many new connections one address may open per <see cref="NewConnectionInterval"/>; 0 means no limit.</summary>
    public int MaxNewConnectionsPerAddress { get; init; } = 30;

    /// <summary>The interval of <see cref="MaxNewConnectionsPerAddress"/>: the allowance comes back evenly over it.</summary>
    public TimeSpan NewConnectionInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many users from one address may be in the room at once; 0 means no limit.</summary>
    public int MaxMembersPerAddress { get; init; } = 16;

    /// <summary>Addresses without limits per address (<c>--exempt</c>); none by default, loopback included.</summary>
    public IReadOnlyList<IPNetwork> Exempt { get; init; } = [];

    /// <summary>
    /// How many frames a second one client may send in the long run, every frame counted (pings,
    /// pongs and unknown ones too): ten times the default message rate. 0 means no budget.
    /// </summary>
    public double FrameRate { get; init; } = 50;

    /// <summary>How many frames one client may send at once before <see cref="FrameRate"/> applies.</summary>
    public int FrameBurst { get; init; } = 200;

    /// <summary>How often refusals, evictions and floods are summed up in the log, one line per address.</summary>
    public TimeSpan AccessLogInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often missing and wrong passwords are summed up in the log, one line per address.</summary>
    public TimeSpan PasswordLogInterval { get; init; } = TimeSpan.FromMinutes(1);

    private void ValidateAccess()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PasswordDelay, TimeSpan.Zero, nameof(PasswordDelay));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxConnectionsPerAddress, nameof(MaxConnectionsPerAddress));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxPendingPerAddress, nameof(MaxPendingPerAddress));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxNewConnectionsPerAddress, nameof(MaxNewConnectionsPerAddress));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NewConnectionInterval, TimeSpan.Zero, nameof(NewConnectionInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxMembersPerAddress, nameof(MaxMembersPerAddress));
        ArgumentNullException.ThrowIfNull(Exempt, nameof(Exempt));
        ArgumentOutOfRangeException.ThrowIfNegative(FrameRate, nameof(FrameRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(FrameBurst, 1, nameof(FrameBurst));
        if (FrameRate > 0 && MessageRate > 0 && (FrameRate < MessageRate || FrameBurst <= 2 * MessageBurst))
        {
            throw new ArgumentOutOfRangeException(
                nameof(FrameBurst),
                FrameBurst,
                $"The frame budget ({FrameBurst} at once, {FrameRate} a second) must be larger than the message limit ({MessageBurst} at once, {MessageRate} a second): " +
                $"at least the message rate, and more than twice the message burst ({2 * MessageBurst}), so that the message limit always acts first.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AccessLogInterval, TimeSpan.Zero, nameof(AccessLogInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PasswordLogInterval, TimeSpan.Zero, nameof(PasswordLogInterval));
    }
}
