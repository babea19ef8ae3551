using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using Chat.Shared;

namespace Chat.Server;

/// <summary>The command line's options of who may connect, and how much: the password, the limits per address, the frame budget.</summary>
internal sealed partial class ServerCommandLine
{
    private readonly Option<string?> _passwordFile = new("--password-file")
    {
        Description = "A file whose first line is the password clients must give (a file private to its owner: chmod 600). Use it with TLS: without TLS the password travels in clear text.",
        HelpName = "file",
    };

    private readonly Option<int> _maxConnectionsPerAddress = IntOption(
        "--max-connections-per-address", "The most connections one address may have open; 0 means no limit.", "count", s_defaults.MaxConnectionsPerAddress, 0, 1_000_000);

    private readonly Option<int> _maxPendingPerAddress = IntOption(
        "--max-handshakes-per-address", "The most connections one address may have that have not said hello yet; 0 means no limit.", "count", s_defaults.MaxPendingPerAddress, 0, 1_000_000);

    private readonly Option<int> _maxNewPerAddress = IntOption(
        "--max-new-per-address",
        $"The most new connections one address may open per {s_defaults.NewConnectionInterval.TotalSeconds:0} s; 0 means no limit.",
        "count",
        s_defaults.MaxNewConnectionsPerAddress,
        0,
        1_000_000);

    private readonly Option<int> _maxUsersPerAddress = IntOption(
        "--max-users-per-address", "The most users from one address in the room at once; 0 means no limit.", "count", s_defaults.MaxMembersPerAddress, 0, ChatServerOptions.MaxClientsLimit);

    private readonly Option<IPNetwork[]> _exempt = new("--exempt")
    {
        Description = "An address or network (CIDR, such as 10.0.0.0/8 or fd00::/8) without limits per address; repeat it for more. None by default, loopback included.",
        HelpName = "address-or-cidr",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
        CustomParser = ParseNetworks,
    };

    private readonly Option<double?> _frameRate = new("--frame-rate")
    {
        Description = "How many frames a second a client may send in the long run, every frame counted (pongs and unknown ones too); 0 means no budget. Default: ten times --rate, at least 50 (none when --rate is 0).",
        HelpName = "per-second",
        CustomParser = result => ParseOptionalDouble(result, "--frame-rate", 0),
    };

    private readonly Option<int?> _frameBurst = new("--frame-burst")
    {
        Description = "How many frames a client may send at once before --frame-rate applies. Default: four times --burst, at least 200.",
        HelpName = "count",
        CustomParser = ParseFrameBurst,
    };

    private void AddAccessOptions()
    {
        foreach (var option in new Option[]
        {
            _passwordFile, _maxConnectionsPerAddress, _maxPendingPerAddress, _maxNewPerAddress, _maxUsersPerAddress, _exempt, _frameRate, _frameBurst,
        })
        {
            Command.Options.Add(option);
        }
    }

    /// <summary>Adds the access options to the settings.</summary>
    /// <exception cref="ArgumentException">The password file is missing, empty or readable by others; the message says which.</exception>
    private ChatServerOptions WithAccess(ParseResult result, ChatServerOptions options)
    {
        ServerPassword? password = null;
        if (result.GetValue(_passwordFile) is { } path)
        {
            if (!PasswordFile.TryRead(path, out var text, out var problem))
            {
                throw new ArgumentException($"--password-file: {problem}");
            }

            password = new ServerPassword(text);
        }

        var access = WithAccounts(result, options) with
        {
            Password = password,
            MaxConnectionsPerAddress = result.GetValue(_maxConnectionsPerAddress),
            MaxPendingPerAddress = result.GetValue(_maxPendingPerAddress),
            MaxNewConnectionsPerAddress = result.GetValue(_maxNewPerAddress),
            MaxMembersPerAddress = result.GetValue(_maxUsersPerAddress),
            Exempt = result.GetValue(_exempt) ?? [],
            FrameRate = result.GetValue(_frameRate),
            FrameBurst = result.GetValue(_frameBurst),
        };
        if (access.EffectiveFrameRate > 0 && access.MessageRate > 0
            && (access.EffectiveFrameRate < access.MessageRate || access.EffectiveFrameBurst <= 2 * access.MessageBurst))
        {
            throw new ArgumentException(
                $"--frame-rate {access.EffectiveFrameRate} and --frame-burst {access.EffectiveFrameBurst} must be larger than the message limit: " +
                $"at least --rate ({access.MessageRate}), and more than twice --burst ({2 * access.MessageBurst}).");
        }

        return access;
    }

    private static IPNetwork[] ParseNetworks(ArgumentResult result)
    {
        var networks = new List<IPNetwork>();
        foreach (var token in result.Tokens)
        {
            if (TryParseNetwork(token.Value, out var network))
            {
                networks.Add(network);
            }
            else
            {
                result.AddError($"--exempt must be an IP address or a network such as 127.0.0.1, 10.0.0.0/8 or fd00::/8, not \"{token.Value}\".");
            }
        }

        return [.. networks];
    }

    /// <summary>An address (a network of one) or a CIDR network; an IPv4-mapped IPv6 address counts as the IPv4 address.</summary>
    internal static bool TryParseNetwork(string text, out IPNetwork network)
    {
        if (!text.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(text, out var address))
        {
            address = ClientAddress.Normalize(address);
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        // A network's address must be its first one ("10.0.0.1/8" is more likely a typo than 10.0.0.0/8).
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return IPNetwork.TryParse(text, out network)
            && slash > 0
            && IPAddress.TryParse(text.AsSpan(0, slash), out var first)
            && first.Equals(network.BaseAddress);
    }

    private static int? ParseFrameBurst(ArgumentResult result)
    {
        var token = SingleToken(result);
        if (int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1)
        {
            return value;
        }

        result.AddError($"--frame-burst must be a whole number of at least 1, not \"{token}\".");
        return null;
    }

    private static double? ParseOptionalDouble(ArgumentResult result, string name, double min)
    {
        var token = SingleToken(result);
        if (double.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= min && value <= 1e9)
        {
            return value;
        }

        result.AddError($"{name} must be a number of at least {min}, not \"{token}\".");
        return null;
    }
}
