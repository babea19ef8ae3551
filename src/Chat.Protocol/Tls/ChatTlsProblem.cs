namespace Chat.Protocol;

/// <summary>Why a TLS connection could not be made; see <see cref="ChatTlsException.Problem"/>.</summary>
public enum ChatTlsProblem
{
    /// <summary>The TLS handshake failed for another reason (no common protocol version, a broken record, the connection lost).</summary>
    HandshakeFailed = 0,

    /// <summary>The client asked for TLS, but the server speaks plaintext.</summary>
    ServerDoesNotUseTls = 1,

    /// <summary>The client connected in plaintext, but the server accepts only TLS.</summary>
    ServerRequiresTls = 2,

    /// <summary>The certificate is not issued by an authority the system trusts (a self-signed certificate, for one).</summary>
    Untrusted = 3,

    /// <summary>The certificate names other hosts than the one connected to.</summary>
    NameMismatch = 4,

    /// <summary>The certificate has expired, or is not valid yet.</summary>
    Expired = 5,

    /// <summary>The certificate is not the pinned one: its SHA-256 fingerprint differs.</summary>
    FingerprintMismatch = 6,
}
