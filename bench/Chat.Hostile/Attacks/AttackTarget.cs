using System.Net;

namespace Chat.Hostile.Attacks;

/// <summary>Where an attack goes, where it comes from, and how long it waits.</summary>
/// <param name="Server">The server's address and port.</param>
/// <param name="LocalAddress">The address the attacker connects from (such as 127.0.0.2), or <see langword="null"/> for the system's choice.</param>
/// <param name="Patience">How long the attacker waits for the server to deal with it before it reports <see cref="AttackEnding.StillOpen"/>.</param>
/// <param name="Pace">The delay between the bytes of a slow sender (a slowloris).</param>
internal sealed record AttackTarget(IPEndPoint Server, IPAddress? LocalAddress, TimeSpan Patience, TimeSpan Pace)
{
    /// <summary>A target on this machine with the given port, waiting up to 30 s, one slow byte a second.</summary>
    public static AttackTarget Loopback(int port) =>
        new(new IPEndPoint(IPAddress.Loopback, port), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
}
