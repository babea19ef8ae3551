using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Chat.Testing;

/// <summary>Self-signed server certificates for TLS tests, made in memory or written as PEM files.</summary>
public static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> s_localhost = new(() => Create("localhost"));

    /// <summary>One certificate for localhost and 127.0.0.1, shared by the tests of a process (making one takes a few milliseconds).</summary>
    public static X509Certificate2 Localhost => s_localhost.Value;

    /// <summary>Makes a self-signed ECDSA certificate, with its private key, for a host name and 127.0.0.1.</summary>
    public static X509Certificate2 Create(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var made = request.CreateSelfSigned(notBefore ?? now.AddMinutes(-5), notAfter ?? now.AddDays(30));

        // Through PKCS#12, as a server loads it, so that the key is usable by the TLS stack everywhere.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>Writes a certificate and its key as PEM files in a folder; returns their paths.</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string folder, string baseName = "server")
    {
        Directory.CreateDirectory(folder);
        var certificatePath = Path.Combine(folder, baseName + ".crt");
        var keyPath = Path.Combine(folder, baseName + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey()!;
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
