using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Chat.Shared;

/// <summary>
/// The line the server writes first on standard output, as soon as it listens
/// ("ChatRoom server 1.0.0 listening on 127.0.0.1:5000"): the contract with the scripts and
/// programs that start it. One file, linked into the server that writes the line and into the
/// load generator and the tests that read it.
/// </summary>
internal static partial class ListeningLine
{
    /// <summary>The line for a server of version <paramref name="version"/> listening on <paramref name="endPoint"/>.</summary>
    public static string Format(string version, EndPoint endPoint) => $"ChatRoom server {version} listening on {endPoint}";

    /// <summary>Reads where the server listens from its line.</summary>
    /// <param name="line">A line of the server's output.</param>
    /// <param name="host">The address, as the server wrote it.</param>
    /// <param name="port">The port.</param>
    /// <returns>Whether <paramref name="line"/> is the listening line.</returns>
    public static bool TryParse(string line, out string host, out int port)
    {
        var match = Pattern().Match(line);
        host = match.Success ? match.Groups[2].Value : string.Empty;
        port = match.Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return match.Success;
    }

    [GeneratedRegex(@"^ChatRoom server (\S+) listening on (\S+):(\d+)$")]
    private static partial Regex Pattern();
}
