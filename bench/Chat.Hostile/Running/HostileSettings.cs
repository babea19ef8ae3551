using System.Net;
using Chat.Hostile.Attacks;

namespace Chat.Hostile.Running;

/// <summary>What one run of the tool does.</summary>
/// <param name="Server">The server under attack.</param>
/// <param name="AttackFrom">The address the attackers connect from (such as 127.0.0.2), or <see langword="null"/>.</param>
/// <param name="Duration">How long new attacks start; the run then waits for the last ones, at most <see cref="AttackTarget.Patience"/> more.</param>
/// <param name="Attackers">How many attacks run at once.</param>
/// <param name="Attacks">Which attacks, taken in turn.</param>
/// <param name="Pace">The delay between a slow sender's bytes.</param>
/// <param name="Patience">How long one attack waits for the server to deal with it.</param>
/// <param name="LineInterval">How often each ordinary user posts a line.</param>
/// <param name="ServerPid">The server's process id on this machine, for its memory figures, if known.</param>
internal sealed record HostileSettings(
    IPEndPoint Server,
    IPAddress? AttackFrom,
    TimeSpan Duration,
    int Attackers,
    IReadOnlyList<Attack> Attacks,
    TimeSpan Pace,
    TimeSpan Patience,
    TimeSpan LineInterval,
    int? ServerPid)
{
    /// <summary>The target every attack gets.</summary>
    public AttackTarget Target => new(Server, AttackFrom, Patience, Pace);
}
