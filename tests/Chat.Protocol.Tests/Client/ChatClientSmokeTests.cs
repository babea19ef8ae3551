using System.Net;

namespace Chat.Protocol.Tests.Client;

public class ChatClientSmokeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task JoinsOverTcpAndReceivesOwnLine()
    {
        await using var listener = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var serverTask = Task.Run(async () =>
        {
            await using var connection = await listener.AcceptAsync();
            var hello = Assert.IsType<Hello>(await connection.ReceiveAsync());
            await connection.SendAsync(new Welcome(1, hello.UserName, "test", [hello.UserName], "", [], 100, 1000));
            var say = Assert.IsType<SendText>(await connection.ReceiveAsync());
            await connection.SendAsync(new TextPosted(1, hello.UserName, say.Text, DateTime.UtcNow));
            Assert.IsType<Goodbye>(await connection.ReceiveAsync());
            Assert.Null(await connection.ReceiveAsync());
        });

        await using var client = await ChatClient.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, "alice").WaitAsync(Timeout);
        Assert.Equal("alice", client.UserName);
        await client.SendAsync("hi").AsTask().WaitAsync(Timeout);
        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal("hi", Assert.IsType<TextPosted>(reader.Current).Text);
        await client.LeaveAsync().WaitAsync(Timeout);
        await serverTask.WaitAsync(Timeout);
        await client.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task RefusedConnectionSaysNoServerIsListening()
    {
        int port;
        await using (var listener = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = listener.LocalEndPoint.Port;
        }

        var ex = await Assert.ThrowsAsync<ChatConnectionRefusedException>(
            () => ChatClient.ConnectAsync("127.0.0.1", port, "alice").WaitAsync(Timeout));
        Assert.Equal($"No chat server is listening on 127.0.0.1:{port}.", ex.Message);
    }

    [Fact]
    public async Task InMemoryPairCarriesMessagesBothWays()
    {
        var (client, server) = ChatConnection.CreatePair();
        await using (client)
        await using (server)
        {
            await client.SendAsync(new Ping(7)).AsTask().WaitAsync(Timeout);
            Assert.Equal(new Ping(7), await server.ReceiveAsync().AsTask().WaitAsync(Timeout));
            await server.SendAsync(new Pong(7)).AsTask().WaitAsync(Timeout);
            Assert.Equal(new Pong(7), await client.ReceiveAsync().AsTask().WaitAsync(Timeout));
            await client.DisposeAsync();
            Assert.Null(await server.ReceiveAsync().AsTask().WaitAsync(Timeout));
        }
    }
}
