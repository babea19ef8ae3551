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

    /// <summary>
    /// How many connections beyond a full room (<see cref="MaxClients"/>) may be open at once, saying
    /// hello or closing: the server's connection cap is the sum. At the cap the oldest connection
    /// that has not said hello is evicted to make room.
    /// </summary>
    public int ConnectionsBeyondRoom { get; init; } = 256;

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
    /// pongs and unknown ones too); 0 means no budget. When not set: ten times
    /// <see cref="MessageRate"/>, at least 50, and no budget when the message rate is unlimited
    /// (<see cref="EffectiveFrameRate"/>).
    /// </summary>
    public double? FrameRate { get; init; }

    /// <summary>
    /// How many frames one client may send at once before the frame rate applies. When not set:
    /// four times <see cref="MessageBurst"/>, at least 200 (<see cref="EffectiveFrameBurst"/>).
    /// </summary>
    public int? FrameBurst { get; init; }

    /// <summary>The frame rate applied: <see cref="FrameRate"/>, or the default that follows from the message rate.</summary>
    public double EffectiveFrameRate => FrameRate ?? (MessageRate == 0 ? 0 : Math.Max(50, 10 * MessageRate));

    /// <summary>The frame burst applied: <see cref="FrameBurst"/>, or the default that follows from the message burst.</summary>
    public int EffectiveFrameBurst => FrameBurst ?? Math.Max(200, 4 * MessageBurst);

    /// <summary>How often refusals, evictions and floods are summed up in the log, one line per address.</summary>
    public TimeSpan AccessLogInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often missing and wrong passwords are summed up in the log, one line per address.</summary>
    public TimeSpan PasswordLogInterval { get; init; } = TimeSpan.FromMinutes(1);

    private void ValidateAccess()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PasswordDelay, TimeSpan.Zero, nameof(PasswordDelay));
        ArgumentOutOfRangeException.ThrowIfNegative(ConnectionsBeyondRoom, nameof(ConnectionsBeyondRoom));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxConnectionsPerAddress, nameof(MaxConnectionsPerAddress));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxPendingPerAddress, nameof(MaxPendingPerAddress));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxNewConnectionsPerAddress, nameof(MaxNewConnectionsPerAddress));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NewConnectionInterval, TimeSpan.Zero, nameof(NewConnectionInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxMembersPerAddress, nameof(MaxMembersPerAddress));
        ArgumentNullException.ThrowIfNull(Exempt, nameof(Exempt));
        var frameRate = EffectiveFrameRate;
        var frameBurst = EffectiveFrameBurst;
        if (!double.IsFinite(frameRate) || frameRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FrameRate), frameRate, "The frame rate must be a number of at least 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(frameBurst, 1, nameof(FrameBurst));
        if (frameRate > 0 && MessageRate > 0 && (frameRate < MessageRate || frameBurst <= 2 * MessageBurst))
        {
            throw new ArgumentOutOfRangeException(
                nameof(FrameBurst),
                frameBurst,
                $"The frame budget ({frameBurst} at once, {frameRate} a second) must be larger than the message limit ({MessageBurst} at once, {MessageRate} a second): " +
                $"at least the message rate, and more than twice the message burst ({2 * MessageBurst}), so that the message limit always acts first.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AccessLogInterval, TimeSpan.Zero, nameof(AccessLogInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PasswordLogInterval, TimeSpan.Zero, nameof(PasswordLogInterval));
    }
}
