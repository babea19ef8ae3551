using System.Net;
using System.Net.Sockets;
using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// Whom a ban is for: a user name (in any letter case), an IP address, or a network (CIDR, IPv4 or
/// IPv6). Addresses are compared as <see cref="ClientAddress"/> counts them: an IPv4-mapped IPv6
/// address is the IPv4 address, so a ban of 203.0.113.7 or 203.0.113.0/24 holds it too.
/// </summary>
internal sealed record BanTarget
{
    private BanTarget(string text, string? name, IPNetwork? network)
    {
        Text = text;
        Name = name;
        Network = network;
    }

    /// <summary>The target as written in lists and in the file: the name, or the network in CIDR form (an address alone without its prefix).</summary>
    public string Text { get; }

    /// <summary>The user name, for a ban of a name.</summary>
    public string? Name { get; }

    /// <summary>The network, for a ban of an address or a network.</summary>
    public IPNetwork? Network { get; }

    /// <summary>Whether the ban is of an address or a network.</summary>
    public bool IsAddress => Network is not null;

    /// <summary>
    /// Reads a target: anything that is an IP address (in its usual form) or a network with a
    /// <c>/</c> is one; otherwise it must be a user name.
    /// </summary>
    /// <param name="text">The target as typed.</param>
    /// <param name="target">The target, when the text is one.</param>
    /// <param name="problem">What is wrong, in one sentence, when it is not.</param>
    /// <returns>Whether the text is a target.</returns>
    public static bool TryParse(string text, out BanTarget? target, out string problem)
    {
        target = null;
        text = (text ?? string.Empty).Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            if (!ServerCommandLine.TryParseNetwork(text, out var network))
            {
                problem = $"\"{text}\" is not a network: write it as an address and a prefix length, such as 203.0.113.0/24 or 2001:db8::/32, with the network's first address.";
                return false;
            }

            target = FromNetwork(network);
            problem = string.Empty;
            return true;
        }

        if (IPAddress.TryParse(text, out var address) && (address.AddressFamily == AddressFamily.InterNetworkV6 || address.ToString() == text))
        {
            address = ClientAddress.Normalize(address);
            target = FromNetwork(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            problem = string.Empty;
            return true;
        }

        var name = UserNameRules.Normalize(text);
        var nameProblem = UserNameRules.Check(name);
        if (nameProblem != UserNameProblem.None)
        {
            problem = $"\"{text}\" is neither a user name nor an address or network ({UserNameRules.Describe(nameProblem, name)})";
            return false;
        }

        target = new BanTarget(name, name, null);
        problem = string.Empty;
        return true;
    }

    /// <summary>Reads a target known to be well formed (from the file), or <see langword="null"/>.</summary>
    /// <param name="text">The target.</param>
    /// <returns>The target, or <see langword="null"/> when the text is not one.</returns>
    public static BanTarget? Parse(string text) => TryParse(text, out var target, out _) ? target : null;

    /// <summary>Whether the ban holds a user of this name.</summary>
    /// <param name="name">The user's name.</param>
    /// <returns><see langword="true"/> for a ban of the name, in any letter case.</returns>
    public bool HoldsName(string name) => Name is not null && UserNameRules.Comparer.Equals(Name, name);

    /// <summary>Whether the ban holds this address.</summary>
    /// <param name="address">The address (an IPv4-mapped one counts as IPv4).</param>
    /// <returns><see langword="true"/> for a ban of a network that holds it.</returns>
    public bool HoldsAddress(IPAddress? address) =>
        Network is { } network && address is not null && network.Contains(ClientAddress.Normalize(address));

    /// <summary>Whether two targets are the same ban: the same name in any letter case, or the same network.</summary>
    /// <param name="other">The other target.</param>
    /// <returns><see langword="true"/> when they are.</returns>
    public bool SameAs(BanTarget other) =>
        Name is not null ? other.HoldsName(Name) : other.Network is { } network && network.Equals(Network);

    /// <inheritdoc />
    public override string ToString() => Text;

    private static BanTarget FromNetwork(IPNetwork network)
    {
        var single = network.PrefixLength == (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        return new BanTarget(single ? network.BaseAddress.ToString() : network.ToString(), null, network);
    }
}
