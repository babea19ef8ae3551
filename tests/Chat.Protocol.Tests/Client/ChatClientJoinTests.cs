using System.Net;
using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Protocol.Tests.Client;

public class ChatClientJoinTests
{
    public static TheoryData<TransportKind> Transports => new(TransportKind.Memory, TransportKind.Tcp);

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task SaysHelloAndReceivesTheWelcome(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var options = ChatClientOptions.Default with { ClientName = "Test.Client", ClientVersion = "9.8.7" };
        var joining = server.ConnectClientAsync("  alice  ", options);
        var session = await server.AcceptAsync();

        var hello = await session.ReceiveAsync<Hello>();
        Assert.Equal(new Hello(ProtocolInfo.Version, "alice", "Test.Client", "9.8.7"), hello);
        Assert.Equal(2, hello.ProtocolVersion); // rooms
        var welcome = new Welcome(1, "alice", "Room", ["zed", "alice", "Bob"], "motd", [SampleMessages.TextPosted], 4000, 32768);
        await session.SendAsync(welcome);

        var client = await joining.WithTimeout();
        Assert.Equivalent(welcome, client.Welcome, strict: true);
        Assert.Equal("alice", client.UserName);
        Assert.Equal(["alice", "Bob", "zed"], client.Users);
        if (kind == TransportKind.Tcp)
        {
            Assert.Equal(new IPEndPoint(IPAddress.Loopback, server.Port), client.RemoteEndPoint);
        }
    }

    [Fact]
    public async Task AClientThatDeclinesPresenceSaysSoAndKnowsOnlyTheCount()
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var joining = server.ConnectClientAsync("bot", ChatClientOptions.Default with { ReceivePresence = false });
        var session = await server.AcceptAsync();

        var hello = await session.ReceiveAsync<Hello>();
        Assert.True(hello.OmitPresence);
        await session.SendAsync(new Welcome(1, "bot", "Room", [], "", [], 4000, 32768) { UserCount = 3 });

        await using var client = await joining.WithTimeout();
        Assert.Equal(3, client.UsersAtJoin);
        var error = Assert.Throws<InvalidOperationException>(() => client.Users);
        Assert.Contains("ReceivePresence", error.Message);
    }

    [Fact]
    public async Task WithoutAUserCountTheWelcomesListIsCounted()
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.AcceptAsync();

        Assert.False((await session.ReceiveAsync<Hello>()).OmitPresence);
        await session.SendAsync(new Welcome(1, "alice", "Room", ["alice", "bob"], "", [], 4000, 32768));

        await using var client = await joining.WithTimeout();
        Assert.Equal(2, client.UsersAtJoin);
    }

    [Fact]
    public void TheDefaultClientVersionIsThePackageVersion()
    {
        Assert.Equal("Chat.Protocol", ChatClientOptions.Default.ClientName);
        Assert.Matches(@"^\d+\.\d+\.\d+", ChatClientOptions.Default.ClientVersion);
    }

    public static TheoryData<TransportKind, RejectReason> Rejections()
    {
        var data = new TheoryData<TransportKind, RejectReason>();
        foreach (var kind in new[] { TransportKind.Memory, TransportKind.Tcp })
        {
            foreach (var reason in Enum.GetValues<RejectReason>())
            {
                data.Add(kind, reason);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task EveryRejectionBecomesAChatRejectedExceptionWithTheServersWords(TransportKind kind, RejectReason reason)
    {
        await using var server = FakeChatServer.Start(kind);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.AcceptAsync();
        await session.ReceiveAsync<Hello>();

        // As a server does: reject, then close.
        await session.SendAsync(new Rejected(reason, $"No ({reason})."));
        Assert.Null(await session.Connection.ReceiveAsync().WithTimeout()); // the client closed its side on reading it
        await session.Connection.DisposeAsync().WithTimeout();

        var ex = await Assert.ThrowsAsync<ChatRejectedException>(() => joining.WithTimeout());
        Assert.Equal(reason, ex.Reason);
        Assert.Equal($"No ({reason}).", ex.ServerText);
        // A missing or wrong password is said in the library's own words, so the user learns what to do whatever the server sent;
        // a ban is said in the server's words (what is banned, why and until when).
        var expected = reason switch
        {
            RejectReason.BadPassword => "The server needs a password, and none or a wrong one was given.",
            RejectReason.NameRegistered => "That name is registered: it can be used only with its password, and none or a wrong one was given.",
            _ => $"No ({reason}).",
        };
        Assert.Equal(expected, ex.Message);
        Assert.Equal(reason is RejectReason.NameTaken or RejectReason.NameReserved or RejectReason.NameInvalid, ex.IsNameProblem);
        Assert.Equal(reason == RejectReason.BadPassword, ex.IsPasswordProblem);
    }

    [Theory]
    [InlineData("Server", RejectReason.NameReserved)]
    [InlineData(" server ", RejectReason.NameReserved)]
    [InlineData("SERVER", RejectReason.NameReserved)]
    [InlineData("", RejectReason.NameInvalid)]
    [InlineData("   ", RejectReason.NameInvalid)]
    [InlineData(null, RejectReason.NameInvalid)]
    [InlineData("two words", RejectReason.NameInvalid)]
    [InlineData("ali/ce", RejectReason.NameInvalid)]
    [InlineData("名前", RejectReason.NameInvalid)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", RejectReason.NameInvalid)] // 33 characters
    public async Task ABadNameIsRejectedWithoutConnecting(string? name, RejectReason reason)
    {
        // A host under .invalid never resolves: had the client tried to connect, this would be "host not found".
        var ex = await Assert.ThrowsAsync<ChatRejectedException>(
            () => ChatClient.ConnectAsync("chat.invalid", 5000, name!).WithTimeout());

        Assert.Equal(reason, ex.Reason);
        Assert.True(ex.IsNameProblem);
        Assert.Equal(UserNameRules.Describe(UserNameRules.Check(name), name), ex.Message);
    }

    [Fact]
    public async Task ARefusedConnectionSaysNoServerIsListening()
    {
        var port = await UnusedPortAsync();

        var ex = await Assert.ThrowsAsync<ChatConnectionRefusedException>(
            () => ChatClient.ConnectAsync("127.0.0.1", port, "alice").WithTimeout());

        Assert.Equal($"No chat server is listening on 127.0.0.1:{port}.", ex.Message);
        Assert.Equal("127.0.0.1", ex.Host);
        Assert.Equal(port, ex.Port);
    }

    [Fact]
    public async Task AnUnknownHostSaysSo()
    {
        var ex = await Assert.ThrowsAsync<ChatHostNotFoundException>(
            () => ChatClient.ConnectAsync("no-such-chat-server.invalid", 5000, "alice").WithTimeout());

        Assert.Equal("no-such-chat-server.invalid", ex.Host);
        Assert.Equal("The host \"no-such-chat-server.invalid\" could not be found.", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AServerThatNeverAnswersTheHelloTimesOut(TransportKind kind)
    {
        var time = new FakeTimeProvider();
        var options = ChatClientOptions.Default with { TimeProvider = time, HandshakeTimeout = TimeSpan.FromMinutes(10) };
        await using var server = FakeChatServer.Start(kind);
        var joining = server.ConnectClientAsync("alice", options);
        var session = await server.AcceptAsync();
        await session.ReceiveAsync<Hello>();

        time.Advance(TimeSpan.FromMinutes(10));

        var ex = await Assert.ThrowsAsync<ChatTimeoutException>(() => joining.WithTimeout());
        Assert.Equal("The server did not answer the greeting within 600 s.", ex.Message);
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => session.Connection.ReceiveAsync().WithTimeout()); // the client gave up: a reset
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task CancellingTheJoinIsACancellationNotATimeout(TransportKind kind)
    {
        using var cancel = new CancellationTokenSource();
        await using var server = FakeChatServer.Start(kind);
        var joining = server.ConnectClientAsync("alice", cancellationToken: cancel.Token);
        var session = await server.AcceptAsync();
        await session.ReceiveAsync<Hello>();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => joining.WithTimeout());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AServerThatClosesBeforeTheWelcomeIsALostConnection(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.AcceptAsync();
        await session.ReceiveAsync<Hello>();

        var closing = session.Connection.DisposeAsync().AsTask();

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => joining.WithTimeout());
        Assert.Equal("The server closed the connection before welcoming you.", ex.Message);
        await closing.WithTimeout();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task APingBeforeTheWelcomeIsAnswered(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.AcceptAsync();
        var hello = await session.ReceiveAsync<Hello>();

        await session.SendAsync(new Ping(77));
        Assert.Equal(new Pong(77), await session.ReceiveAsync<Pong>());
        await session.SendAsync(FakeSession.WelcomeFor(hello));

        var client = await joining.WithTimeout();
        Assert.Equal("alice", client.UserName);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AnythingElseBeforeTheWelcomeIsAProtocolError(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.AcceptAsync();
        await session.ReceiveAsync<Hello>();

        await session.SendAsync(SampleMessages.TextPosted);

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => joining.WithTimeout());
        Assert.Equal("The server sent TextPosted before its welcome, which breaks the protocol.", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AShutdownDuringTheHandshakeSaysSo(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.AcceptAsync();
        await session.ReceiveAsync<Hello>();

        await session.SendAsync(new ServerShutdown("Back in five minutes."));
        Assert.Null(await session.Connection.ReceiveAsync().WithTimeout());
        await session.Connection.DisposeAsync().WithTimeout();

        var ex = await Assert.ThrowsAsync<ChatException>(() => joining.WithTimeout());
        Assert.Equal("The server is shutting down: Back in five minutes.", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    [Trait("ProtocolRule", "R7.8")]
    public async Task AWelcomeInANewerProtocolVersionIsAProtocolError(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.AcceptAsync();
        var hello = await session.ReceiveAsync<Hello>();

        await session.SendAsync(FakeSession.WelcomeFor(hello) with { ProtocolVersion = hello.ProtocolVersion + 1 });

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => joining.WithTimeout());
        Assert.Equal($"The server answered in protocol version {hello.ProtocolVersion + 1}, but this client speaks version {hello.ProtocolVersion}.", ex.Message);
    }

    private static async Task<int> UnusedPortAsync()
    {
        await using var listener = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return listener.LocalEndPoint.Port;
    }
}
