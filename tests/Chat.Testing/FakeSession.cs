using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Testing;

/// <summary>The fake server's side of one client connection: the test sends what the server would and awaits what the client sent.</summary>
public sealed class FakeSession(ChatConnection connection) : IAsyncDisposable
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

    /// <summary>Sends the server's goodbyes and closes the connection, as a server does after a shutdown notice or a fatal error.</summary>
    public async Task CloseAsync(ChatMessage last)
    {
        await SendAsync(last);
        await Connection.DisposeAsync().WithTimeout();
    }

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
    public void Abort(string reason = "The fake server went away.") => Connection.Abort(reason);

    public async ValueTask DisposeAsync()
    {
        Connection.Abort("test over");
        await Connection.DisposeAsync().WithTimeout();
    }
}
