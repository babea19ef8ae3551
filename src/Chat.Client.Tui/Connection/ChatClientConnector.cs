using System.Reflection;
using Chat.Protocol;

namespace Chat.Client.Tui.Connection;

/// <summary>Connects over TCP with <see cref="ChatClient.ConnectAsync"/>.</summary>
public sealed class ChatClientConnector(string host, int port) : IChatConnector
{
    private static readonly ChatClientOptions Options = ChatClientOptions.Default with
    {
        ClientName = "Chat.Client.Tui",
        ClientVersion = typeof(ChatClientConnector).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
    };

    public string Endpoint { get; } = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";

    public async Task<IChatSession> ConnectAsync(string userName, CancellationToken cancellationToken = default)
    {
        var client = await ChatClient.ConnectAsync(host, port, userName, Options, cancellationToken);
        return new ChatClientSession(client);
    }
}
