using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Chat.Protocol.Internal;

namespace Chat.Protocol.Wire.Transports;

/// <summary>
/// A client's TLS handshake over a connected socket, with the certificate check of
/// <see cref="ChatTlsOptions"/> and every failure turned into a <see cref="ChatTlsException"/> in words.
/// </summary>
internal sealed class TlsClientHandshake
{
    private readonly string _host;
    private readonly string _where;
    private readonly ChatTlsOptions _tls;
    private ChatTlsException? _refusal;
    private string? _presented;

    private TlsClientHandshake(string host, int port, ChatTlsOptions tls)
    {
        _host = host;
        _where = EndPointText.Format(host, port);
        _tls = tls;
    }

    /// <summary>Runs the handshake; the socket belongs to the returned stream's transport afterwards.</summary>
    /// <exception cref="ChatTlsException">The certificate failed the check, the server does not speak TLS, or the handshake failed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (the connect timeout, or the caller).</exception>
    public static async Task<SslStream> RunAsync(Socket socket, string host, int port, ChatTlsOptions tls, CancellationToken cancellationToken)
    {
        var handshake = new TlsClientHandshake(host, port, tls);
        var watched = new FirstByteStream(new NetworkStream(socket, ownsSocket: false));
        var stream = new SslStream(watched, leaveInnerStreamOpen: false, handshake.Check);
        try
        {
            await stream.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    EnabledSslProtocols = TlsVersions.Enabled,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                },
                cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw handshake.Describe(watched.First, ex);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private ChatTlsException Describe(int firstByte, Exception error)
    {
        if (_refusal is not null)
        {
            return new ChatTlsException(_refusal.Problem, _refusal.Message, _refusal.Fingerprint, _refusal.ExpectedFingerprint, error);
        }

        if (firstByte >= 0 && !TlsVersions.StartsRecord((byte)firstByte))
        {
            // A ChatRoom frame (its length prefix starts with 0x00) where a TLS record should be.
            return new ChatTlsException(
                ChatTlsProblem.ServerDoesNotUseTls, $"The server at {_where} does not use TLS; connect without TLS.", innerException: error);
        }

        var text = firstByte < 0
            ? $"The server at {_where} closed the connection during the TLS handshake; it may not use TLS, or accepts none of TLS 1.2 and 1.3."
            : $"The TLS handshake with {_where} failed: the server accepts none of TLS 1.2 and 1.3, or the connection broke.";
        return new ChatTlsException(ChatTlsProblem.HandshakeFailed, text, _presented, _tls.PinnedFingerprint, error);
    }

    private bool Check(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            _refusal = new ChatTlsException(ChatTlsProblem.Untrusted, $"The server at {_where} presented no certificate.");
            return false;
        }

        var fingerprint = ChatTlsOptions.FingerprintOf(certificate);
        _presented = fingerprint;
        if (_tls.PinnedFingerprint is { } pinned)
        {
            if (string.Equals(pinned, fingerprint, StringComparison.Ordinal))
            {
                return true;
            }

            _refusal = new ChatTlsException(
                ChatTlsProblem.FingerprintMismatch,
                $"The certificate of {_where} is not the one expected: its SHA-256 fingerprint is {fingerprint}, but {pinned} was pinned. " +
                "Someone may be intercepting the connection; or, if the server's certificate was replaced on purpose, pin the new fingerprint.",
                fingerprint,
                pinned);
            return false;
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        var statuses = chain?.ChainStatus.Select(static s => s.Status).Aggregate(X509ChainStatusFlags.NoError, static (a, b) => a | b)
            ?? X509ChainStatusFlags.NoError;
        _refusal = DescribeUntrusted(
            _host,
            _where,
            certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()),
            statuses,
            errors);
        return false;
    }

    /// <summary>Says why the system does not accept a certificate: expired, untrusted, or for other names, in that order.</summary>
    internal static ChatTlsException DescribeUntrusted(
        string host, string where, X509Certificate2 certificate, X509ChainStatusFlags statuses, SslPolicyErrors errors)
    {
        var fingerprint = ChatTlsOptions.FingerprintOf(certificate);
        var now = DateTime.Now;
        if ((statuses & X509ChainStatusFlags.NotTimeValid) != 0 || now > certificate.NotAfter || now < certificate.NotBefore)
        {
            var when = now > certificate.NotAfter
                ? $"expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC"
                : $"is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
            return new ChatTlsException(
                ChatTlsProblem.Expired, $"The certificate of {where} ({certificate.Subject}) {when}; the server needs a new one.", fingerprint);
        }

        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return new ChatTlsException(
                ChatTlsProblem.Untrusted,
                $"The certificate of {where} ({certificate.Subject}) is not issued by an authority this system trusts (it may be self-signed). " +
                $"Its SHA-256 fingerprint is {fingerprint}; if the server's operator confirms it, pin it.",
                fingerprint);
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            var names = string.Join(", ", NamesOf(certificate));
            return new ChatTlsException(
                ChatTlsProblem.NameMismatch,
                $"The certificate of {where} is for {(names.Length > 0 ? names : certificate.Subject)}, not {host}; connect by a name it carries.",
                fingerprint);
        }

        return new ChatTlsException(ChatTlsProblem.Untrusted, $"The certificate of {where} ({certificate.Subject}) is not valid: {errors}.", fingerprint);
    }

    private static IEnumerable<string> NamesOf(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension names)
            {
                foreach (var name in names.EnumerateDnsNames())
                {
                    yield return name;
                }

                foreach (var address in names.EnumerateIPAddresses())
                {
                    yield return address.ToString();
                }
            }
        }
    }
}
