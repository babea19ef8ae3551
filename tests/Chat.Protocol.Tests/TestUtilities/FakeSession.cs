using Chat.Protocol.Wire;
namespace Chat.Protocol.Tests.TestUtilities;

/// <summary>The fake server's side of one client connection.</summary>
internal sealed class FakeSession(ChatConnection connection) : IAsyncDisposable
{
    public const string ServerName = "Fake server";

    public ChatConnection Connection { get; } = connection;

    /// <summary>Receives the next message and checks its type.</summary>
    public async Task<T> ReceiveAsync<T>()
        where T : ChatMessage
    {
        var message = await Connection.ReceiveAsync().WithTimeout();
        return Assert.IsType<T>(message);
    }

    /// <summary>Receives until the client closes its side; returns what came before the end.</summary>
    public async Task<List<ChatMessage>> ReceiveUntilEndAsync()
    {
        var messages = new List<ChatMessage>();
        while (await Connection.ReceiveAsync().WithTimeout() is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    public Task SendAsync(ChatMessage message) => Connection.SendAsync(message).WithTimeout();

    public static Welcome WelcomeFor(Hello hello, params string[] others) => new(
        ProtocolInfo.Version,
        hello.UserName,
        ServerName,
        [hello.UserName, .. others],
        "Welcome to the fake server.",
        [],
        ProtocolInfo.DefaultMaxTextLength,
        ProtocolInfo.DefaultServerMaxFrameLength);

    /// <summary>Tears the connection down at once, as a crashed server would (a reset over TCP).</summary>
    public void Abort() => Connection.Abort("The fake server went away.");

    public async ValueTask DisposeAsync()
    {
        Connection.Abort("test over");
        await Connection.DisposeAsync().WithTimeout();
    }
}
