namespace Chat.Protocol;

public sealed partial record ChatConnectionOptions
{
    /// <summary>
    /// Whether <see cref="ChatConnection.ConnectAsync"/> speaks TLS (1.2 or 1.3), and how it checks
    /// the server's certificate; <see langword="null"/> (the default) for plaintext. A failed check
    /// is a <see cref="ChatTlsException"/> that says why. A listener does not use it: a TLS
    /// listener is made with <see cref="ChatListener.BindTls"/>.
    /// </summary>
    public ChatTlsOptions? Tls { get; init; }
}
