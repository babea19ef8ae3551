using System.Security.Cryptography.X509Certificates;
using Chat.Protocol;

namespace Chat.Server.Tests.Support;

/// <summary>A temporary folder holding a server certificate and its key as PEM files; deleted on dispose.</summary>
internal sealed class TlsFolder : IDisposable
{
    public TlsFolder(X509Certificate2? certificate = null)
    {
        Path = Directory.CreateTempSubdirectory("chat-tls-").FullName;
        Write(certificate ?? TestCertificates.Localhost);
    }

    public string Path { get; }

    public TlsFiles Files => new(CertificatePath, KeyPath);

    public string CertificatePath => System.IO.Path.Combine(Path, "server.crt");

    public string KeyPath => System.IO.Path.Combine(Path, "server.key");

    public string Fingerprint { get; private set; } = string.Empty;

    /// <summary>Client settings that pin this folder's certificate.</summary>
    public ChatClientOptions PinnedClient => ChatClientOptions.Default with
    {
        Connection = ChatConnectionOptions.Default with { Tls = ChatTlsOptions.Pinned(Fingerprint) },
    };

    /// <summary>Replaces the files with another certificate, as an operator renewing it would.</summary>
    public void Write(X509Certificate2 certificate)
    {
        TestCertificates.WritePem(certificate, Path);
        Fingerprint = ChatTlsOptions.FingerprintOf(certificate);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
