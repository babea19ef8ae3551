using Chat.Client.Tui.Settings;
using Chat.Protocol;
using Chat.Shared;

namespace Chat.Client.Tui.Connection;

/// <summary>
/// Connects over TCP with <see cref="ChatClient.ConnectAsync"/>; with TLS when given the
/// <see cref="KnownHosts"/>: a server the user trusted before is pinned by its fingerprint, any
/// other is checked against the system's trust store. Its clients reconnect by themselves
/// (<see cref="ChatClientOptions.Reconnect"/>, with <see cref="ReconnectBackoff.Default"/>).
/// </summary>
public sealed class ChatClientConnector(string host, int port, KnownHosts? tls = null) : IChatConnector
{
    private static readonly ChatClientOptions Options = ChatClientOptions.Default with
    {
        ClientName = "Chat.Client.Tui",
        ClientVersion = ProductVersion.Text,
        Reconnect = ReconnectBackoff.Default,
    };

    public string Endpoint { get; } = ServerAddress.Format(host, port);

    public string Password { get; set; } = string.Empty;

    public string NamePassword { get; set; } = string.Empty;

    /// <summary>The servers trusted on first use, when the client speaks TLS; <see langword="null"/> for plaintext.</summary>
    public KnownHosts? KnownHosts => tls;

    public async Task<ChatClient> ConnectAsync(string userName, CancellationToken cancellationToken = default)
    {
        var options = Options with { Password = Password, NamePassword = NamePassword };
        string? pinned = null;
        if (tls is not null)
        {
            pinned = tls.Find(Endpoint);
            var check = pinned is null ? ChatTlsOptions.SystemTrust : ChatTlsOptions.Pinned(pinned);
            options = options with { Connection = options.Connection with { Tls = check } };
        }

        try
        {
            return await ChatClient.ConnectAsync(host, port, userName, options, cancellationToken);
        }
        catch (ChatTlsException ex)
        {
            throw Explain(ex, pinned);
        }
    }

    /// <summary>Rewords a TLS failure with what to do in this client: which switch to use, which line to delete.</summary>
    private ChatTlsException Explain(ChatTlsException ex, string? pinned) => ex.Problem switch
    {
        ChatTlsProblem.ServerRequiresTls => new(ex.Problem, $"The server at {Endpoint} requires TLS; start the client with --tls (or \"tls\": true in client.json).", innerException: ex),
        ChatTlsProblem.ServerDoesNotUseTls => new(ex.Problem, $"The server at {Endpoint} does not use TLS; start the client without --tls.", innerException: ex),
        ChatTlsProblem.FingerprintMismatch when tls is not null && pinned is not null =>
            new(ex.Problem, tls.DescribeChange(Endpoint, pinned, ex.Fingerprint), ex.Fingerprint, pinned, ex),
        _ => ex,
    };
}
