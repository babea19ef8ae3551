namespace Chat.Server;

/// <summary>The server's TLS certificate cannot be loaded; the message says why, for the operator.</summary>
internal sealed class CertificateLoadException : Exception
{
    public CertificateLoadException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public CertificateLoadException()
        : base("The TLS certificate cannot be loaded.")
    {
    }

    public CertificateLoadException(string message)
        : base(message)
    {
    }
}
