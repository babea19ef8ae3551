namespace Chat.Server;

/// <summary>
/// Where the server's TLS certificate is: a PEM certificate with a PEM private key beside it, or a
/// PKCS#12 (.pfx/.p12) file that holds both. Read at startup and again on every reload (SIGHUP).
/// </summary>
/// <param name="CertificatePath">The certificate: PEM (with <paramref name="KeyPath"/>), or PFX alone.</param>
/// <param name="KeyPath">The PEM private key; <see langword="null"/> for a PFX, or a PEM file that holds the key too.</param>
internal sealed record TlsFiles(string CertificatePath, string? KeyPath);
