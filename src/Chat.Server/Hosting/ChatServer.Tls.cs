using System.Net;
using Chat.Protocol;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Logging;

namespace Chat.Server;

internal sealed partial class ChatServer
{
    private ChatServerCertificate? _certificate;

    /// <summary>The SHA-256 fingerprint of the certificate new connections get; <see langword="null"/> without TLS.</summary>
    public string? CertificateFingerprint => _certificate?.Fingerprint;

    /// <summary>
    /// Loads the certificate files again (on SIGHUP): new connections get the new certificate,
    /// open ones keep theirs. A certificate that cannot be loaded changes nothing; the log says why.
    /// Without TLS there is nothing to reload, and the log says so.
    /// </summary>
    /// <returns>Whether a new certificate is in use.</returns>
    public bool ReloadCertificate()
    {
        if (_options.Tls is not { } files)
        {
            LogNothingToReload(_logger);
            return false;
        }

        if (_certificate is null)
        {
            return false; // Not started yet: starting loads the files.
        }

        try
        {
            var certificate = CertificateFiles.Load(files);
            var old = _certificate.Fingerprint;
            _certificate.Replace(certificate);
            LogCertificateReloaded(_logger, certificate.Subject, _certificate.Fingerprint, old, certificate.NotAfter);
            return true;
        }
        catch (Exception ex) when (ex is CertificateLoadException or ArgumentException)
        {
            LogReloadFailed(_logger, ex.Message, _certificate.Fingerprint);
            return false;
        }
    }

    private ChatListener Listen(IPEndPoint endPoint)
    {
        if (_options.Tls is not { } files)
        {
            return ChatListener.Bind(endPoint, _options.ConnectionOptions, backlog: 4096);
        }

        try
        {
            var certificate = CertificateFiles.Load(files);
            _certificate = new ChatServerCertificate(certificate);
        }
        catch (Exception ex) when (ex is CertificateLoadException or ArgumentException)
        {
            throw new ChatException(ex.Message, ex);
        }

        var listener = ChatListener.BindTls(endPoint, _certificate, _options.ConnectionOptions, backlog: 4096);
        var current = _certificate.Certificate;
        LogTls(_logger, current.Subject, _certificate.Fingerprint, current.NotAfter);
        return listener;
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "TLS on: certificate {Subject}, SHA-256 fingerprint {Fingerprint}, valid until {NotAfter:yyyy-MM-dd}")]
    private static partial void LogTls(ILogger logger, string subject, string fingerprint, DateTime notAfter);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "Certificate reloaded: {Subject}, SHA-256 fingerprint {Fingerprint} (was {OldFingerprint}), valid until {NotAfter:yyyy-MM-dd}; new connections get it")]
    private static partial void LogCertificateReloaded(ILogger logger, string subject, string fingerprint, string oldFingerprint, DateTime notAfter);

    [LoggerMessage(EventId = 62, Level = LogLevel.Error, Message = "Certificate not reloaded: {Reason} The old certificate ({Fingerprint}) stays in use")]
    private static partial void LogReloadFailed(ILogger logger, string reason, string fingerprint);

    [LoggerMessage(EventId = 63, Level = LogLevel.Information, Message = "SIGHUP received: TLS is off, so there is no certificate to reload; ignored")]
    private static partial void LogNothingToReload(ILogger logger);
}
