using System.Security.Authentication;
using Chat.Protocol.Wire.Transports;

namespace Chat.Protocol.Wire;

public sealed partial class ChatConnection
{
    /// <summary>
    /// The TLS version the connection negotiated (<see cref="SslProtocols.Tls12"/> or
    /// <see cref="SslProtocols.Tls13"/>); <see cref="SslProtocols.None"/> for a plaintext
    /// connection, or a TLS one whose handshake is not done yet.
    /// </summary>
    public SslProtocols TlsProtocol => _transport is TlsTransport tls ? tls.Protocol : SslProtocols.None;
}
