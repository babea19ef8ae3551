using System.Globalization;

namespace Chat.Client.Tui.Settings;

/// <summary>
/// A server given as the user types it: <c>host</c>, <c>host:port</c>, an IPv6 address
/// (<c>::1</c>), or an IPv6 address with a port in brackets (<c>[::1]:5000</c>).
/// </summary>
/// <param name="Host">The host name or address, without brackets.</param>
/// <param name="Port">The port, when the text gave one.</param>
public sealed record ServerAddress(string Host, int? Port)
{
    /// <summary>Reads a server address.</summary>
    /// <param name="text">What the user typed.</param>
    /// <param name="address">The address, when this returns <see langword="true"/>.</param>
    /// <param name="error">Why the text is not an address, in words, when this returns <see langword="false"/>.</param>
    /// <returns>Whether <paramref name="text"/> is an address.</returns>
    public static bool TryParse(string? text, out ServerAddress address, out string error)
    {
        address = new ServerAddress(string.Empty, null);
        error = string.Empty;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            error = "The server address is empty.";
            return false;
        }

        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"\"{value}\" opens a bracket for an IPv6 address but does not close it.";
                return false;
            }

            host = value[1..close];
            var rest = value[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    error = $"\"{value}\" has \"{rest}\" after the address; write [address]:port.";
                    return false;
                }

                port = rest[1..];
            }
        }
        else if (value.Count(c => c == ':') == 1)
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            host = value[..colon];
            port = value[(colon + 1)..];
        }
        else
        {
            // No colon: a host name or IPv4 address. Two or more: an IPv6 address without a port.
            host = value;
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            error = $"\"{value}\" has no host name or address.";
            return false;
        }

        int? number = null;
        if (port is not null)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 65535)
            {
                error = $"\"{port}\" in \"{value}\" is not a port: a port is a number from 1 to 65535.";
                return false;
            }

            number = parsed;
        }

        address = new ServerAddress(host, number);
        return true;
    }

    /// <summary>The address as "host:port", with brackets around an IPv6 address.</summary>
    /// <param name="host">The host name or address.</param>
    /// <param name="port">The port.</param>
    /// <returns>The text to show the user.</returns>
    public static string Format(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
