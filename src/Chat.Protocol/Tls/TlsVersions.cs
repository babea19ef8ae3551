using System.Security.Authentication;

namespace Chat.Protocol;

/// <summary>The TLS versions both sides allow: 1.2 and 1.3.</summary>
internal static class TlsVersions
{
    public const SslProtocols Enabled = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>The first byte of a TLS record that carries a handshake message, as a ClientHello does.</summary>
    public const byte HandshakeRecord = 0x16;

    /// <summary>Whether a first byte from the peer can start a TLS record (change cipher spec, alert, handshake, application data).</summary>
    public static bool StartsRecord(byte first) => first is >= 0x14 and <= 0x17;
}
