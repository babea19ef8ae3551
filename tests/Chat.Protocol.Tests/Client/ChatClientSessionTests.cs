using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Protocol.Tests.Client;

public class ChatClientSessionTests
{
    public static TheoryData<TransportKind> Transports => new(TransportKind.Memory, TransportKind.Tcp);

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task TheRoomsMessagesArriveInOrder(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice");
        ChatMessage[] sent =
        [
            SampleMessages.TextPosted, SampleMessages.PrivateMessage, SampleMessages.ServerNotice,
            new ErrorMessage(ErrorCode.TextTooLong, "Too long.") { Fatal = false }, SampleMessages.UsersJoined,
        ];
        foreach (var message in sent)
        {
            await session.SendAsync(message);
        }

        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        foreach (var expected in sent)
        {
            Assert.True(await reader.MoveNextAsync().WithTimeout());
            Assert.Equivalent(expected, reader.Current, strict: true);
        }

        Assert.False(client.Completion.IsCompleted);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task WhatTheApplicationSaysReachesTheServer(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice");

        await client.SendAsync("hello").WithTimeout();
        await client.SendActionAsync("waves").WithTimeout();
        await client.SendPrivateAsync("bob", "psst").WithTimeout();

        Assert.Equal(new SendText("hello") { Kind = TextKind.Plain }, await session.ReceiveAsync<SendText>());
        Assert.Equal(new SendText("waves") { Kind = TextKind.Action }, await session.ReceiveAsync<SendText>());
        Assert.Equal(new SendPrivate("bob", "psst") { Kind = TextKind.Plain }, await session.ReceiveAsync<SendPrivate>());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ALostConnectionFailsTheStreamAndTheCompletion(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice");

        session.Abort();

        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => reader.MoveNextAsync().WithTimeout());
        Assert.Equal("The connection was reset by the other side.", ex.Message);
        Assert.Same(ex, await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.Completion.WithTimeout()));
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.SendAsync("anyone?").WithTimeout());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AServerThatJustClosesIsALostConnection(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice");

        var closing = session.Connection.DisposeAsync().AsTask();

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.Completion.WithTimeout());
        Assert.Equal("The server closed the connection.", ex.Message);
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.ReadMessagesAsync().ToListAsync().AsTask().WithTimeout());
        await closing.WithTimeout(); // the client closed its side in turn
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AServerShutdownEndsTheStreamCleanly(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice");

        await session.SendAsync(new ServerShutdown("Maintenance."));
        var closing = session.Connection.DisposeAsync().AsTask();

        var messages = await client.ReadMessagesAsync().ToListAsync().AsTask().WithTimeout();
        Assert.Equal([new ServerShutdown("Maintenance.")], messages);
        await client.Completion.WithTimeout();
        await closing.WithTimeout();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AFatalErrorEndsTheStreamCleanlyEvenWhenTheServerResets(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice");
        var kicked = new ErrorMessage(ErrorCode.Kicked, "Kicked by the operator: spam.") { Fatal = true };

        await session.SendAsync(kicked);
        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal(kicked, reader.Current);
        session.Abort();

        Assert.False(await reader.MoveNextAsync().WithTimeout());
        await client.Completion.WithTimeout();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task UsersAreTrackedThroughJoinsAndDepartures(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice", null, "bob", "eve");
        Assert.Equal(["alice", "bob", "eve"], client.Users);

        // Users is up to date by the time the application reads the message that changed it.
        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        await session.SendAsync(new UsersJoined(["dave", "carol"]));
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal(["alice", "bob", "carol", "dave", "eve"], client.Users);

        await session.SendAsync(new UsersLeft([new Departure("BOB", LeaveReason.Quit), new Departure("eve", LeaveReason.Kicked) { Text = "spam" }]));
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal(["alice", "carol", "dave"], client.Users);

        await session.SendAsync(new UsersJoined(["Bob"]));
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal(["alice", "Bob", "carol", "dave"], client.Users);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AClientToldNotToTrackUsersStillDeliversPresenceNotices(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var options = ChatClientOptions.Default with { TrackUsers = false };
        var (client, session) = await server.JoinAsync("alice", options, "bob");

        Assert.Equal(["alice", "bob"], client.Welcome.Users);
        var ex = Assert.Throws<InvalidOperationException>(() => client.Users);
        Assert.Contains("TrackUsers", ex.Message, StringComparison.Ordinal);

        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        await session.SendAsync(new UsersJoined(["carol"]));
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal(["carol"], Assert.IsType<UsersJoined>(reader.Current).UserNames);
        await session.SendAsync(new UsersLeft([new Departure("bob", LeaveReason.Quit)]));
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal("bob", Assert.IsType<UsersLeft>(reader.Current).Departures[0].UserName);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task PingsFromTheServerAreAnsweredAndNotShownToTheApplication(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice");

        await session.SendAsync(new Ping(42));
        Assert.Equal(new Pong(42), await session.ReceiveAsync<Pong>());
        await session.SendAsync(SampleMessages.ServerNotice);

        await using var reader = client.ReadMessagesAsync().GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().WithTimeout());
        Assert.Equal(SampleMessages.ServerNotice, reader.Current);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task PingAsyncMeasuresTheRoundTrip(TransportKind kind)
    {
        var time = new FakeTimeProvider();
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice", ChatClientOptions.Default with { TimeProvider = time });

        var pinging = client.PingAsync();
        var ping = await session.ReceiveAsync<Ping>();
        time.Advance(TimeSpan.FromMilliseconds(250));
        await session.SendAsync(new Pong(ping.Token + 1000)); // someone else's pong is ignored
        await session.SendAsync(new Pong(ping.Token));

        Assert.Equal(TimeSpan.FromMilliseconds(250), await pinging.WithTimeout());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task APingWaitingWhenTheConnectionIsLostFails(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice");
        var pinging = client.PingAsync();
        await session.ReceiveAsync<Ping>();

        session.Abort();

        await Assert.ThrowsAsync<ChatConnectionLostException>(() => pinging.WithTimeout());
    }

    [Fact]
    public async Task AServerThatBreaksTheProtocolEndsTheSessionAndThePingsWithIt()
    {
        // The server's side is played in raw bytes, since a ChatConnection cannot send a malformed frame.
        await using var pipe = new RawPipeConnection();
        await pipe.WriteAsync(MessageSerializer.ToFrame(FakeSession.WelcomeFor(new Hello(1, "alice", "x", "1"))));
        var client = await ChatClient.JoinAsync(pipe.Connection, "alice").WithTimeout();
        await using var leaving = client;

        await pipe.WriteAsync(Hex.Frame(Hex.Parse("92059301A161A161"))); // TextPosted without its Timestamp

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => client.Completion.WithTimeout());
        Assert.Equal("Received a malformed message: TextPosted.Timestamp is missing.", ex.Message);
        await Assert.ThrowsAsync<ChatProtocolException>(() => client.ReadMessagesAsync().ToListAsync().AsTask().WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.PingAsync().WithTimeout());
        Assert.True(pipe.Connection.Closed.IsCancellationRequested, "The client tore the connection down.");
    }

    [Fact]
    public async Task AServerThatBreaksTheProtocolOverTcpIsResetByTheClient()
    {
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen();
        var accepting = listener.AcceptAsync();
        var joining = ChatClient.ConnectAsync("127.0.0.1", ((System.Net.IPEndPoint)listener.LocalEndPoint!).Port, "alice");
        using var server = await accepting.WithTimeout();
        await server.SendAsync(MessageSerializer.ToFrame(FakeSession.WelcomeFor(new Hello(1, "alice", "x", "1")))).WithTimeout();
        await using var client = await joining.WithTimeout();

        await server.SendAsync(Hex.Frame(Hex.Parse("920C90"))).WithTimeout(); // Ping without its Token

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => client.Completion.WithTimeout());
        Assert.Equal("Received a malformed message: Ping.Token is missing.", ex.Message);
        var buffer = new byte[4096];
        var reset = await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(async () =>
        {
            while (await server.ReceiveAsync(buffer).WithTimeout() > 0)
            {
                // The hello, then the reset.
            }
        });
        Assert.Equal(System.Net.Sockets.SocketError.ConnectionReset, reset.SocketErrorCode);
    }

    public static TheoryData<ChatMessage> OutOfTurn => new(
        SampleMessages.Hello, SampleMessages.SendText, SampleMessages.SendPrivate, SampleMessages.Goodbye,
        SampleMessages.Welcome, SampleMessages.Rejected, SampleMessages.JoinRoom, SampleMessages.LeaveRoom,
        SampleMessages.ListRooms, SampleMessages.SetTopic, SampleMessages.ChangeName, SampleMessages.SetAway);

    [Theory]
    [MemberData(nameof(OutOfTurn))]
    public async Task AMessageOutOfTurnIsAProtocolError(ChatMessage message)
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var (client, session) = await server.JoinAsync("alice");

        await session.SendAsync(message);

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => client.Completion.WithTimeout());
        Assert.Equal($"The server sent {message.GetType().Name} during the session, which breaks the protocol.", ex.Message);
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => session.Connection.ReceiveAsync().WithTimeout());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task LeaveSaysGoodbyeThenCloses(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice");

        var leaving = client.LeaveAsync("see you");

        Assert.Equal(new Goodbye("see you"), await session.ReceiveAsync<Goodbye>());
        Assert.Null(await session.Connection.ReceiveAsync().WithTimeout());
        await session.Connection.DisposeAsync().WithTimeout(); // as a server does after a goodbye
        await leaving.WithTimeout();
        await client.Completion.WithTimeout();
        Assert.Empty(await client.ReadMessagesAsync().ToListAsync().AsTask().WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.SendAsync("still here?").WithTimeout());
        await client.LeaveAsync().WithTimeout(); // twice is fine
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task DisposeLeavesWithAnEmptyGoodbye(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice");

        var disposing = client.DisposeAsync().AsTask();

        Assert.Equal(new Goodbye(string.Empty), await session.ReceiveAsync<Goodbye>());
        Assert.Null(await session.Connection.ReceiveAsync().WithTimeout());
        await session.Connection.DisposeAsync().WithTimeout();
        await disposing.WithTimeout();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task LeavingAfterTheConnectionWasLostDoesNotThrow(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await server.JoinAsync("alice");
        session.Abort();
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.Completion.WithTimeout());

        await client.LeaveAsync("bye").WithTimeout();
    }
}
