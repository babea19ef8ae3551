using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Chat.LoadTest.Clients;
using Chat.LoadTest.Clients.Epoll;
using Chat.LoadTest.Measurement;
using Chat.Protocol;

namespace Chat.LoadTest.Tests.Clients;

/// <summary>
/// An epoll client against a scripted server over TCP, read by receive loops of its own: what it
/// says, what it makes of what it hears, and how its loops stop.
/// </summary>
public sealed class EpollLoadClientTests : IAsyncDisposable
{
    private const int Tag = 4321;
    private readonly FakeChatServer _server = FakeChatServer.Start(TransportKind.Tcp);
    private readonly RunProblems _problems = new();
    private readonly ReceiveLoops _loops = new(2);
    private readonly List<EpollLoadClient> _clients = [];
    private readonly TcpListener _rawServer = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _rawSessions = [];

    [Fact]
    public async Task SaysHelloAsTheThinClientDoes()
    {
        var connecting = ConnectAsync(index: 3);
        var session = await _server.AcceptAsync();
        var hello = await session.ReceiveAsync<Hello>();
        await session.SendAsync(FakeSession.WelcomeFor(hello) with { Users = [], UserCount = 7 });
        var client = await connecting.WithTimeout();

        Assert.Equal(ProtocolInfo.Version, hello.ProtocolVersion);
        Assert.Equal(ClientFleet.UserName(Tag, 3), hello.UserName);
        Assert.True(hello.OmitPresence);
        Assert.Equal("Chat.LoadTest.Tests", hello.ClientName);
        Assert.Equal(7, client.UsersAtJoin);
        Assert.False(client.HearsPresence);
    }

    [Fact]
    public async Task AnswersAPingBeforeItsWelcome()
    {
        var connecting = ConnectAsync(index: 0);
        var session = await _server.AcceptAsync();
        var hello = await session.ReceiveAsync<Hello>();
        await session.SendAsync(new Ping(5));
        var pong = await session.ReceiveAsync<Pong>();
        await session.SendAsync(FakeSession.WelcomeFor(hello));
        await connecting.WithTimeout();

        Assert.Equal(5, pong.Token);
    }

    [Fact]
    public async Task ARefusalIsTheServersReason()
    {
        var connecting = ConnectAsync(index: 0);
        var session = await _server.AcceptAsync();
        await session.ReceiveAsync<Hello>();
        await session.SendAsync(new Rejected(RejectReason.NameTaken, "That name is taken."));

        var refused = await Assert.ThrowsAsync<ChatRejectedException>(() => connecting.WithTimeout());
        Assert.Equal(RejectReason.NameTaken, refused.Reason);
    }

    [Fact]
    public async Task MeasuresEveryLineOfTheRunAndIgnoresOthers()
    {
        var (client, session) = await JoinedAsync(index: 0);
        var lines = new LinePhase(Tag, senders: 1, linesPerSender: 3, receivers: 1, window: 0);
        client.UseLines(lines);
        for (var sequence = 0; sequence < 3; sequence++)
        {
            lines.Stamps.Stamp(sequence, Stopwatch.GetTimestamp());
        }

        await session.SendAsync(Line(10, 0));
        await session.SendAsync(new TextPosted(11, "alice", "hello everyone", DateTime.UtcNow)); // not the run's
        await session.SendAsync(new TextPosted(12, "bob", LineText.Format(Tag + 1, 1, 40), DateTime.UtcNow)); // another run's
        await session.SendAsync(Line(13, 1) with { Text = LineText.Format(Tag, 1, 3000) }); // longer than the buffer's free space
        await session.SendAsync(Line(14, 2) with { Kind = TextKind.Action });
        await lines.AllReceived.Completion.WithTimeout();

        Assert.Equal(3, client.Received);
        Assert.Equal(0, client.OutOfOrder);
        Assert.Equal(3, lines.Latencies.Snapshot().Count);
        Assert.Equal(0, _problems.UnknownLines);
    }

    [Fact]
    public async Task ReadsALineLargerThanItsBuffer()
    {
        var (client, session) = await JoinedAsync(index: 0);
        var lines = new LinePhase(Tag, senders: 1, linesPerSender: 1, receivers: 1, window: 0);
        client.UseLines(lines);
        lines.Stamps.Stamp(0, Stopwatch.GetTimestamp());

        // The server's own limit is smaller, but a client accepts frames up to the client library's.
        await session.SendAsync(Line(1, 0) with { Text = LineText.Format(Tag, 0, 3 * ThinLoadClient.BufferSize) });
        await lines.AllReceived.Completion.WithTimeout();

        Assert.Equal(1, client.Received);
    }

    [Fact]
    public async Task CountsLinesOutOfOrderAndLinesNobodySent()
    {
        var (client, session) = await JoinedAsync(index: 0);
        var lines = new LinePhase(Tag, senders: 1, linesPerSender: 3, receivers: 1, window: 0);
        client.UseLines(lines);
        lines.Stamps.Stamp(0, Stopwatch.GetTimestamp());
        lines.Stamps.Stamp(1, Stopwatch.GetTimestamp());

        await session.SendAsync(Line(20, 0));
        await session.SendAsync(Line(19, 1)); // numbered below the line before it
        await session.SendAsync(Line(21, 2)); // never stamped: nobody sent it
        await PingAsync(session); // the read loop has handled everything before the pong

        Assert.Equal(2, client.Received);
        Assert.Equal(1, client.OutOfOrder);
        Assert.Equal(1, _problems.UnknownLines);
    }

    [Fact]
    public async Task GivesTheSendersWindowBackWhenItsOwnLineReturns()
    {
        var (client, session) = await JoinedAsync(index: 1);
        var lines = new LinePhase(Tag, senders: 2, linesPerSender: 1, receivers: 1, window: 1);
        client.UseLines(lines);
        await lines.Windows![1].WaitAsync().WithTimeout();
        lines.Stamps.Stamp(0, Stopwatch.GetTimestamp());
        lines.Stamps.Stamp(1, Stopwatch.GetTimestamp());

        await client.SendAsync(LineText.Format(Tag, 1, 40), CancellationToken.None).WithTimeout();
        var sent = await session.ReceiveAsync<SendText>();
        await session.SendAsync(Line(1, 0)); // sender 0's line
        await session.SendAsync(Line(2, 1) with { Author = ClientFleet.UserName(Tag, 1) });
        await lines.AllReceived.Completion.WithTimeout();

        Assert.Equal(LineText.Format(Tag, 1, 40), sent.Text);
        Assert.Equal(1, lines.Windows[1].CurrentCount);
        Assert.Equal(1, lines.Windows[0].CurrentCount); // never taken, never given back twice
    }

    [Fact]
    public async Task PresenceItDeclinedIsAProblemAndAServerErrorIsCounted()
    {
        var (_, session) = await JoinedAsync(index: 0);

        await session.SendAsync(new UsersJoined([ClientFleet.UserName(Tag, 1)]));
        await session.SendAsync(new UsersLeft([new Departure(ClientFleet.UserName(Tag, 1), LeaveReason.Quit)]));
        await session.SendAsync(new ErrorMessage(ErrorCode.RateLimited, "Slow down."));
        await PingAsync(session);

        Assert.Equal(2, _problems.UnwantedPresence);
        Assert.Equal(1, _problems.ServerErrors);
        Assert.Equal("Slow down.", _problems.FirstServerError);
    }

    [Fact]
    public async Task AShutdownEndsTheSessionWithoutALoss()
    {
        var (client, session) = await JoinedAsync(index: 0);

        await session.CloseAsync(new ServerShutdown("Closing for maintenance."));
        await client.Reading.WithTimeout();

        Assert.Equal(0, _problems.ConnectionsLost);
    }

    [Fact]
    public async Task AConnectionThatEndsUnannouncedIsLost()
    {
        var (client, session) = await JoinedAsync(index: 0);

        session.Abort();
        await client.Reading.WithTimeout();

        Assert.Equal(1, _problems.ConnectionsLost);
    }

    [Fact]
    public async Task AMalformedLineLosesTheConnection()
    {
        var (client, server) = await RawJoinedAsync(index: 0);

        // A line whose text is an integer: the library's decoder names what is wrong.
        await SendAllAsync(server, RawFrame([0x92, 0x05, 0x94, 0x01, 0xA1, (byte)'a', 0x07, 0xD6, 0xFF, 0, 0, 0, 0]));
        await client.Reading.WithTimeout();

        Assert.Equal(1, _problems.ConnectionsLost);
        Assert.Contains("malformed", _problems.FirstConnectionLost, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReadsLinesThatArriveAByteAtATime()
    {
        var (client, server) = await RawJoinedAsync(index: 0);
        var lines = new LinePhase(Tag, senders: 1, linesPerSender: 2, receivers: 1, window: 0);
        client.UseLines(lines);
        lines.Stamps.Stamp(0, Stopwatch.GetTimestamp());
        lines.Stamps.Stamp(1, Stopwatch.GetTimestamp());

        byte[] bytes = [.. Chat.Protocol.Wire.MessageSerializer.ToFrame(Line(1, 0)), .. Chat.Protocol.Wire.MessageSerializer.ToFrame(Line(2, 1))];
        foreach (var b in bytes)
        {
            await SendAllAsync(server, [b]);
        }

        await lines.AllReceived.Completion.WithTimeout();
        Assert.Equal(2, client.Received);
    }

    [Fact]
    public async Task DisposingSaysGoodbyeAndCloses()
    {
        var (client, session) = await JoinedAsync(index: 0);

        var closing = client.DisposeAsync();
        var messages = await session.ReceiveUntilEndAsync();
        await session.Connection.DisposeAsync().WithTimeout(); // as the server closes after a goodbye
        await closing.WithTimeout();

        Assert.IsType<Goodbye>(Assert.Single(messages));
        Assert.True(client.Reading.IsCompleted);
        Assert.Equal(0, _problems.ConnectionsLost);
    }

    [Fact]
    public async Task ALineThatNeverComesIsMissingFromTheCount()
    {
        var (client, session) = await JoinedAsync(index: 0);
        var lines = new LinePhase(Tag, senders: 1, linesPerSender: 3, receivers: 1, window: 0);
        client.UseLines(lines);
        for (var sequence = 0; sequence < 3; sequence++)
        {
            lines.Stamps.Stamp(sequence, Stopwatch.GetTimestamp());
        }

        await session.SendAsync(Line(1, 0));
        await session.SendAsync(Line(3, 2)); // line 1 is lost on the way
        await PingAsync(session);

        Assert.Equal(2, client.Received);
        Assert.False(lines.AllReceived.Completion.IsCompleted);
        Assert.Equal(0, client.OutOfOrder);
    }

    [Fact]
    public async Task AFrameLargerThanAllowedLosesTheConnection()
    {
        var (client, server) = await RawJoinedAsync(index: 0);

        await SendAllAsync(server, [0x7F, 0xFF, 0xFF, 0xFF, 0x92]);
        await client.Reading.WithTimeout();

        Assert.Equal(1, _problems.ConnectionsLost);
        Assert.Contains("larger than", _problems.FirstConnectionLost, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheClientsAreSharedAmongTheLoopsAndEachHearsItsLines()
    {
        var joined = new List<(EpollLoadClient Client, FakeSession Session)>();
        for (var index = 0; index < 4; index++)
        {
            joined.Add(await JoinedAsync(index));
        }

        var lines = new LinePhase(Tag, senders: 1, linesPerSender: 1, receivers: 4, window: 0);
        lines.Stamps.Stamp(0, Stopwatch.GetTimestamp());
        foreach (var (client, session) in joined)
        {
            client.UseLines(lines);
            await session.SendAsync(Line(1, 0));
        }

        await lines.AllReceived.Completion.WithTimeout();

        Assert.All(_loops.Loops, loop => Assert.Equal(2, loop.Count));
        Assert.All(joined, j => Assert.Equal(1, j.Client.Received));
    }

    [Fact]
    public async Task StoppingTheLoopsEndsTheirThreadsAndEverySessionTheyRead()
    {
        var (client, _) = await JoinedAsync(index: 0);

        _loops.Dispose();
        await client.Reading.WithTimeout();

        Assert.All(_loops.Loops, loop => Assert.True(loop.Ended));
        Assert.Equal(0, _problems.ConnectionsLost);
        var late = ConnectAsync(index: 1);
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => late.WithTimeout());
    }

    public async ValueTask DisposeAsync()
    {
        // The server first: it aborts its sessions, so no client waits for a graceful close the script does not play.
        _problems.Closing = true;
        await _server.DisposeAsync();
        foreach (var session in _rawSessions)
        {
            session.Dispose();
        }

        _rawServer.Stop();
        foreach (var client in _clients)
        {
            await client.DisposeAsync().WithTimeout();
        }

        _loops.Dispose();
        Assert.All(_loops.Loops, loop => Assert.True(loop.Ended));
    }

    private static TextPosted Line(long id, int sequence) =>
        new(id, "someone", LineText.Format(Tag, sequence, 40), DateTime.UtcNow);

    private static byte[] RawFrame(byte[] body)
    {
        var frame = new byte[4 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
        body.CopyTo(frame, 4);
        return frame;
    }

    private static async Task PingAsync(FakeSession session)
    {
        await session.SendAsync(new Ping(77));
        Assert.Equal(77, (await session.ReceiveAsync<Pong>()).Token);
    }

    private async Task<EpollLoadClient> ConnectAsync(int index)
    {
        var options = ChatClientOptions.Default with { ClientName = "Chat.LoadTest.Tests" };
        var client = await EpollLoadClient.ConnectAsync(
            "127.0.0.1", _server.Port, index, ClientFleet.UserName(Tag, index), options, _problems, _loops, CancellationToken.None);
        _clients.Add(client);
        return client;
    }

    /// <summary>Joins a client to a plain TCP listener that welcomes it, for a test that sends bytes no server would.</summary>
    private async Task<(EpollLoadClient Client, Socket Server)> RawJoinedAsync(int index)
    {
        _rawServer.Start();
        var options = ChatClientOptions.Default with { ClientName = "Chat.LoadTest.Tests" };
        var connecting = EpollLoadClient.ConnectAsync(
            "127.0.0.1", ((IPEndPoint)_rawServer.LocalEndpoint).Port, index, ClientFleet.UserName(Tag, index), options, _problems, _loops, CancellationToken.None);
        var server = await _rawServer.AcceptSocketAsync().WithTimeout();
        _rawSessions.Add(server);
        var hello = Assert.IsType<Hello>(Chat.Protocol.Wire.MessageSerializer.Decode(await ReceiveFrameAsync(server)));
        await SendAllAsync(server, Chat.Protocol.Wire.MessageSerializer.ToFrame(FakeSession.WelcomeFor(hello)));
        var client = await connecting.WithTimeout();
        _clients.Add(client);
        return (client, server);
    }

    private static async Task SendAllAsync(Socket socket, byte[] bytes)
    {
        for (var at = 0; at < bytes.Length;)
        {
            at += await socket.SendAsync(bytes.AsMemory(at), SocketFlags.None).WithTimeout();
        }
    }

    private static async Task<byte[]> ReceiveFrameAsync(Socket socket)
    {
        var prefix = new byte[4];
        await ReceiveExactlyAsync(socket, prefix);
        var body = new byte[System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(prefix)];
        await ReceiveExactlyAsync(socket, body);
        return body;
    }

    private static async Task ReceiveExactlyAsync(Socket socket, byte[] buffer)
    {
        for (var at = 0; at < buffer.Length;)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(at), SocketFlags.None).WithTimeout();
            Assert.NotEqual(0, received);
            at += received;
        }
    }

    private async Task<(EpollLoadClient Client, FakeSession Session)> JoinedAsync(int index)
    {
        var connecting = ConnectAsync(index);
        var session = await _server.AcceptAsync();
        await session.SendAsync(FakeSession.WelcomeFor(await session.ReceiveAsync<Hello>()));
        return (await connecting.WithTimeout(), session);
    }
}
