using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Chat.Server;

/// <summary>Makes a self-signed server certificate for a first deployment, and writes it as PEM files.</summary>
internal static class SelfSignedCertificate
{
    /// <summary>The certificate's file name in the output folder.</summary>
    public const string CertificateFileName = "chat-server.crt";

    /// <summary>The private key's file name in the output folder.</summary>
    public const string KeyFileName = "chat-server.key";

    /// <summary>Makes a certificate (ECDSA P-256) for the given host names and addresses.</summary>
    /// <param name="names">Host names and IP addresses clients connect by; the first is the subject's common name.</param>
    /// <param name="validity">How long it is valid from now.</param>
    /// <returns>The certificate, with its private key.</returns>
    public static X509Certificate2 Create(IReadOnlyList<string> names, TimeSpan validity)
    {
        ArgumentOutOfRangeException.ThrowIfZero(names.Count);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + names[0].Replace(",", string.Empty, StringComparison.Ordinal)), key, HashAlgorithmName.SHA256);
        var alternative = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                alternative.AddIpAddress(address);
            }
            else
            {
                alternative.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(alternative.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now + validity);
    }

    /// <summary>
    /// Writes the certificate and its key as PEM files in <paramref name="folder"/>: the key
    /// readable by its owner only (0600), the certificate by anyone (0644).
    /// </summary>
    /// <returns>The paths of the certificate and the key.</returns>
    /// <exception cref="IOException">A file exists already or cannot be written.</exception>
    public static (string Certificate, string Key) Write(X509Certificate2 certificate, string folder)
    {
        Directory.CreateDirectory(folder);
        var certificatePath = Path.Combine(folder, CertificateFileName);
        var keyPath = Path.Combine(folder, KeyFileName);
        foreach (var path in new[] { certificatePath, keyPath })
        {
            if (File.Exists(path))
            {
                throw new IOException($"{path} exists already; remove it first, or choose another --out folder.");
            }
        }

        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("The certificate has no ECDSA private key.", nameof(certificate));
        WriteNew(keyPath, key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteNew(
            certificatePath,
            certificate.ExportCertificatePem(),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return (certificatePath, keyPath);
    }

    private static void WriteNew(string path, string text, UnixFileMode mode)
    {
        // The mode is set as the file is created, so the key is never readable by others, not even for a moment.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using var writer = new StreamWriter(new FileStream(path, options));
        writer.Write(text);
        writer.Write('\n');
    }
}
