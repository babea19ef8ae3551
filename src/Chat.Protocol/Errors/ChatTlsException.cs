namespace Chat.Protocol;

/// <summary>
/// A TLS connection could not be made: the server's certificate failed the check, or one side
/// speaks TLS and the other does not. The message says which, in words; the properties give the
/// details a program needs to ask its user (trust on first use, say).
/// </summary>
public sealed class ChatTlsException : ChatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What went wrong.</param>
    /// <param name="message">What went wrong, in words a person understands.</param>
    /// <param name="fingerprint">The SHA-256 fingerprint of the certificate the server presented, if it presented one.</param>
    /// <param name="expectedFingerprint">The pinned fingerprint, when the certificate was checked against one.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ChatTlsException(
        ChatTlsProblem problem,
        string message,
        string? fingerprint = null,
        string? expectedFingerprint = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        Fingerprint = fingerprint;
        ExpectedFingerprint = expectedFingerprint;
    }

    /// <summary>What went wrong.</summary>
    public ChatTlsProblem Problem { get; }

    /// <summary>
    /// The SHA-256 fingerprint of the certificate the server presented (as
    /// <see cref="ChatTlsOptions.FingerprintOf"/> formats it), or <see langword="null"/> when
    /// the handshake never got that far.
    /// </summary>
    public string? Fingerprint { get; }

    /// <summary>The pinned fingerprint the certificate was checked against; <see langword="null"/> without a pin.</summary>
    public string? ExpectedFingerprint { get; }
}
