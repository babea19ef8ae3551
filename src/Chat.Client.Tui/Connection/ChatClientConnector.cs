using Chat.Protocol;
using Chat.Shared;

namespace Chat.Client.Tui.Connection;

/// <summary>Connects over TCP with <see cref="ChatClient.ConnectAsync"/>.</summary>
public sealed class ChatClientConnector(string host, int port) : IChatConnector
{
    private static readonly ChatClientOptions Options = ChatClientOptions.Default with
    {
        ClientName = "Chat.Client.Tui",
        ClientVersion = ProductVersion.Text,
    };

    public string Endpoint { get; } = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";

    public string Password { get; set; } = string.Empty;

    public Task<ChatClient> ConnectAsync(string userName, CancellationToken cancellationToken = default) =>
        ChatClient.ConnectAsync(host, port, userName, Options with { Password = Password }, cancellationToken);
}
