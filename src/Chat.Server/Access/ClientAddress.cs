using System.Net;

namespace Chat.Server;

/// <summary>The address limits and exemptions apply to: the client's IP address, IPv4-mapped IPv6 addresses as IPv4.</summary>
internal static class ClientAddress
{
    /// <summary>The address of a connection's remote end.</summary>
    /// <param name="remote">The connection's remote end point.</param>
    /// <returns>The address, or <see langword="null"/> for a connection without one (an in-memory pair).</returns>
    public static IPAddress? Of(EndPoint? remote) => remote is IPEndPoint ip ? Normalize(ip.Address) : null;

    /// <summary>An IPv4-mapped IPv6 address (<c>::ffff:10.0.0.1</c>) as the IPv4 address it is; any other as it is.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The address to count under.</returns>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>Whether an address is in one of the networks.</summary>
    /// <param name="address">A normalized address.</param>
    /// <param name="networks">The networks (<c>--exempt</c>).</param>
    /// <returns>Whether one of them holds it.</returns>
    public static bool IsIn(IPAddress address, IReadOnlyList<IPNetwork> networks)
    {
        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
