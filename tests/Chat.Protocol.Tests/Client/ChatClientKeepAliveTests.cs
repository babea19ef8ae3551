using Chat.Protocol.Tests.TestUtilities;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Protocol.Tests.Client;

/// <summary>The client's keep-alive, driven by a fake clock: no test waits for real time to pass.</summary>
public class ChatClientKeepAliveTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(45);

    public static TheoryData<TransportKind> Transports => new(TransportKind.Memory, TransportKind.Tcp);

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ASilentServerIsPingedAfterTheKeepAliveInterval(TransportKind kind)
    {
        var time = new FakeTimeProvider();
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice", Options(time));

        time.Advance(Interval);

        await session.ReceiveAsync<Ping>();
        Assert.False(client.Completion.IsCompleted);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AServerThatStaysSilentPastTheServerTimeoutIsGivenUp(TransportKind kind)
    {
        var time = new FakeTimeProvider();
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice", Options(time));
        time.Advance(Interval);
        await session.ReceiveAsync<Ping>(); // and never answered

        time.Advance(ServerTimeout - Interval);

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.Completion.WithTimeout());
        Assert.Equal("The server has not answered for 45 s; the connection is lost.", ex.Message);
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.ReadMessagesAsync().ToListAsync().AsTask().WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => session.Connection.ReceiveAsync().WithTimeout()); // reset by the client
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AServerThatAnswersStaysConnected(TransportKind kind)
    {
        var time = new FakeTimeProvider();
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice", Options(time));
        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();

        for (var round = 0; round < 5; round++)
        {
            time.Advance(Interval);
            var ping = await session.ReceiveAsync<Ping>();
            await session.SendAsync(new Pong(ping.Token));
            await session.SendAsync(new ServerNotice($"round {round}", SampleMessages.WholeSecond));
            Assert.True(await reader.MoveNextAsync().WithTimeout()); // the pong before it has been handled
        }

        // Five intervals (75 s) have passed since the last message before the first ping: well past the
        // server timeout, but the server answered every time.
        Assert.False(client.Completion.IsCompleted);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AnyMessageFromTheServerCountsAsALifeSign(TransportKind kind)
    {
        var time = new FakeTimeProvider();
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice", Options(time));
        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();

        time.Advance(ServerTimeout - TimeSpan.FromSeconds(1));
        await session.ReceiveAsync<Ping>();
        await session.SendAsync(SampleMessages.TextPosted); // not a pong, but the server is there
        Assert.True(await reader.MoveNextAsync().WithTimeout());

        time.Advance(ServerTimeout - TimeSpan.FromSeconds(1));
        await session.ReceiveAsync<Ping>();
        Assert.False(client.Completion.IsCompleted);
    }

    private static ChatClientOptions Options(FakeTimeProvider time) => ChatClientOptions.Default with
    {
        TimeProvider = time,
        KeepAliveInterval = Interval,
        ServerTimeout = ServerTimeout,
    };
}
