using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Chat.Protocol.Wire;

/// <summary>
/// The certificate a TLS listener (<see cref="ChatListener.BindTls"/>) presents, replaceable
/// while it runs: after <see cref="Replace"/>, every new connection gets the new certificate, and
/// connections already open keep theirs.
/// </summary>
/// <remarks>Part of the wire layer (<c>Chat.Protocol.Wire</c>), for servers, transports and tools.</remarks>
public sealed class ChatServerCertificate
{
    private Current _current;

    /// <summary>Creates the holder with its first certificate.</summary>
    /// <param name="certificate">A certificate with its private key.</param>
    /// <exception cref="ArgumentException">The certificate has no private key.</exception>
    public ChatServerCertificate(X509Certificate2 certificate)
    {
        _current = Prepare(certificate);
    }

    /// <summary>The certificate new connections get.</summary>
    public X509Certificate2 Certificate => Volatile.Read(ref _current).Certificate;

    /// <summary>The SHA-256 fingerprint of <see cref="Certificate"/>, as <see cref="ChatTlsOptions.FingerprintOf"/> formats it.</summary>
    public string Fingerprint => Volatile.Read(ref _current).Fingerprint;

    /// <summary>The handshake settings of the current certificate, prepared once per certificate.</summary>
    internal SslServerAuthenticationOptions AuthenticationOptions => Volatile.Read(ref _current).Options;

    /// <summary>Makes new connections present another certificate; connections already open keep theirs.</summary>
    /// <param name="certificate">A certificate with its private key.</param>
    /// <exception cref="ArgumentException">The certificate has no private key.</exception>
    public void Replace(X509Certificate2 certificate) => Volatile.Write(ref _current, Prepare(certificate));

    private static Current Prepare(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException(
                $"The certificate {certificate.Subject} comes without its private key; a server needs both.", nameof(certificate));
        }

        var options = new SslServerAuthenticationOptions
        {
            // Offline: the chain is built from what the system has, never fetched at handshake time.
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true),
            EnabledSslProtocols = TlsVersions.Enabled,
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        return new Current(certificate, ChatTlsOptions.FingerprintOf(certificate), options);
    }

    private sealed record Current(X509Certificate2 Certificate, string Fingerprint, SslServerAuthenticationOptions Options);
}
