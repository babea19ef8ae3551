using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Chat.Protocol;

/// <summary>
/// How a client checks a TLS server: against the system's trust store and the host name it
/// connected to (<see cref="SystemTrust"/>), or by the SHA-256 fingerprint of the one certificate
/// it expects (<see cref="Pinned"/>), for a server with a self-signed certificate. There is no
/// setting that accepts any certificate. Set it on <see cref="ChatConnectionOptions.Tls"/>.
/// </summary>
/// <example>
/// <code>
/// var options = ChatClientOptions.Default with
/// {
///     Connection = ChatConnectionOptions.Default with { Tls = ChatTlsOptions.Pinned("AB:12:...") },
/// };
/// await using var client = await ChatClient.ConnectAsync("chat.example.org", 5000, "alice", options);
/// </code>
/// </example>
public sealed record ChatTlsOptions
{
    private const int FingerprintLength = 32;

    private readonly string? _pinnedFingerprint;

    /// <summary>
    /// TLS, with the server's certificate checked against the system's trust store, its validity
    /// dates and the host name the client connected to.
    /// </summary>
    public static ChatTlsOptions SystemTrust { get; } = new();

    /// <summary>
    /// The SHA-256 fingerprint of the one certificate the server must present, or
    /// <see langword="null"/> to check against the system's trust store. When set, only that
    /// certificate is accepted, whoever issued it, whatever names and dates it carries: the
    /// fingerprint is the whole check. Hexadecimal, in either case, with or without colons or
    /// spaces between the bytes (as <c>openssl x509 -fingerprint -sha256</c> prints it).
    /// </summary>
    /// <exception cref="ArgumentException">The text is not 32 bytes in hexadecimal.</exception>
    public string? PinnedFingerprint
    {
        get => _pinnedFingerprint;
        init => _pinnedFingerprint = value is null ? null : NormalizeFingerprint(value);
    }

    /// <summary>TLS that accepts only the certificate with this SHA-256 fingerprint.</summary>
    /// <param name="fingerprint">The fingerprint, as <see cref="PinnedFingerprint"/> takes it.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentException">The text is not 32 bytes in hexadecimal.</exception>
    public static ChatTlsOptions Pinned(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return new ChatTlsOptions { PinnedFingerprint = fingerprint };
    }

    /// <summary>The SHA-256 fingerprint of a certificate, as this library shows and compares it.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>Upper-case hexadecimal bytes separated by colons: <c>AB:12:...</c> (95 characters).</returns>
    public static string FingerprintOf(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Span<byte> hash = stackalloc byte[FingerprintLength];
        SHA256.HashData(certificate.GetRawCertData(), hash);
        return Format(hash);
    }

    /// <summary>Turns fingerprint text into the form <see cref="FingerprintOf"/> returns.</summary>
    /// <param name="text">Hexadecimal, with or without separators.</param>
    /// <returns>The normalized fingerprint.</returns>
    /// <exception cref="ArgumentException">The text is not 32 bytes in hexadecimal.</exception>
    internal static string NormalizeFingerprint(string text)
    {
        Span<char> digits = stackalloc char[FingerprintLength * 2];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ':' or ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c) || count == digits.Length)
            {
                throw new ArgumentException(
                    $"\"{text}\" is not a SHA-256 fingerprint: one is 32 bytes in hexadecimal, such as AB:12:... (64 digits).", nameof(text));
            }

            digits[count++] = c;
        }

        if (count != digits.Length)
        {
            throw new ArgumentException(
                $"\"{text}\" is not a SHA-256 fingerprint: it has {count} hexadecimal digits, and one has 64.", nameof(text));
        }

        Span<byte> bytes = stackalloc byte[FingerprintLength];
        Convert.FromHexString(digits, bytes, out _, out _);
        return Format(bytes);
    }

    private static string Format(ReadOnlySpan<byte> hash)
    {
        var hex = Convert.ToHexString(hash);
        return string.Create((hash.Length * 3) - 1, hex, static (chars, hex) =>
        {
            for (int i = 0, j = 0; i < hex.Length; i += 2)
            {
                if (i > 0)
                {
                    chars[j++] = ':';
                }

                chars[j++] = hex[i];
                chars[j++] = hex[i + 1];
            }
        });
    }
}
