namespace Chat.Protocol.Internal;

/// <summary>Formats host and port the way people write them ("host:port", "[::1]:port").</summary>
internal static class EndPointText
{
    public static string Format(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]:{port}" : $"{host}:{port}";
}
