using Chat.Protocol;

namespace Chat.Client.Tui.Connection;

/// <summary>An <see cref="IChatSession"/> backed by a real <see cref="ChatClient"/>.</summary>
public sealed class ChatClientSession(ChatClient client) : IChatSession
{
    public Welcome Welcome => client.Welcome;

    public string UserName => client.UserName;

    public IAsyncEnumerable<ChatMessage> ReadMessagesAsync(CancellationToken cancellationToken = default) =>
        client.ReadMessagesAsync(cancellationToken);

    public ValueTask SendAsync(string text, CancellationToken cancellationToken = default) =>
        client.SendAsync(text, cancellationToken);

    public ValueTask SendActionAsync(string text, CancellationToken cancellationToken = default) =>
        client.SendActionAsync(text, cancellationToken);

    public ValueTask SendPrivateAsync(string to, string text, CancellationToken cancellationToken = default) =>
        client.SendPrivateAsync(to, text, cancellationToken);

    public Task LeaveAsync(string text = "", CancellationToken cancellationToken = default) =>
        client.LeaveAsync(text, cancellationToken);

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
