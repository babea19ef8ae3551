using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Chat.Server;

/// <summary>Loads the server's certificate from <see cref="TlsFiles"/>, with every failure said in words.</summary>
internal static class CertificateFiles
{
    /// <summary>Loads the certificate and its private key.</summary>
    /// <param name="files">Where they are.</param>
    /// <returns>The certificate, with its private key.</returns>
    /// <exception cref="CertificateLoadException">A file is missing, unreadable, not a certificate or key, or the key does not match.</exception>
    public static X509Certificate2 Load(TlsFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var path = files.CertificatePath;
        if (!File.Exists(path))
        {
            throw new CertificateLoadException($"The TLS certificate file {path} does not exist.");
        }

        if (files.KeyPath is { } key && !File.Exists(key))
        {
            throw new CertificateLoadException($"The TLS key file {key} does not exist.");
        }

        if (files.KeyPath is null && IsPem(path) && !File.ReadAllText(path).Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new CertificateLoadException($"{path} holds a certificate but no private key; give the key with --tls-key <file>.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(path)
                ? X509Certificate2.CreateFromPemFile(path, files.KeyPath)
                : files.KeyPath is null
                    ? X509CertificateLoader.LoadPkcs12FromFile(path, password: null)
                    : throw new CertificateLoadException(
                        $"{path} is not a PEM certificate; --tls-key goes only with a PEM certificate (a PFX holds its key itself).");
        }
        catch (CryptographicException ex)
        {
            throw new CertificateLoadException(DescribeFailure(files), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CertificateLoadException($"The TLS certificate cannot be read: {ex.Message}", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CertificateLoadException(
                $"{path} holds a certificate but no private key; give the key with --tls-key <file>.");
        }

        // A certificate made from PEM files holds its key in memory only; exporting and loading it
        // again as PKCS#12 gives the TLS stack a key it can always use.
        if (IsPem(path))
        {
            using var pem = certificate;
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }

        return certificate;
    }

    private static bool IsPem(string path)
    {
        Span<byte> start = stackalloc byte[64];
        using var file = File.OpenRead(path);
        var read = file.Read(start);
        return System.Text.Encoding.ASCII.GetString(start[..read]).Contains("-----BEGIN", StringComparison.Ordinal);
    }

    private static string DescribeFailure(TlsFiles files) => files.KeyPath is null
        ? $"{files.CertificatePath} is neither a PEM certificate with its key nor a PFX without a password (a PEM certificate whose key is in another file needs --tls-key)."
        : $"{files.CertificatePath} and {files.KeyPath} are not a PEM certificate and its private key (check that the key belongs to the certificate and is not encrypted).";
}
