using System.Globalization;
using System.Net;
using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Transports;

/// <summary>The <see cref="IChatConnection"/> contract, held by the in-memory pair and by real TCP on 127.0.0.1 alike.</summary>
public class ChatConnectionTests
{
    /// <summary>Small frames keep every buffer small, so "the peer stopped reading" is reached quickly.</summary>
    private static readonly ChatConnectionOptions SmallBuffers = ChatConnectionOptions.Default with
    {
        MaxFrameLength = 32 * 1024,
        CloseTimeout = TestTimeout.Value,
    };

    public static TheoryData<TransportKind> Transports => new(TransportKind.Memory, TransportKind.Tcp, TransportKind.Tls);

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task MessagesTravelBothWays(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind);

        foreach (var message in SampleMessages.All)
        {
            await pair.Client.SendAsync(message).WithTimeout();
            Assert.Equivalent(message, await pair.Server.ReceiveAsync().WithTimeout(), strict: true);
            await pair.Server.SendAsync(message).WithTimeout();
            Assert.Equivalent(message, await pair.Client.ReceiveAsync().WithTimeout(), strict: true);
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ConcurrentSendsFromManyThreadsArriveWholeAndInOrderPerThread(TransportKind kind)
    {
        const int threads = 8;
        const int perThread = 400;
        await using var pair = await ConnectedPair.CreateAsync(kind);

        var receiving = Task.Run(async () =>
        {
            var next = new long[threads];
            for (var i = 0; i < threads * perThread; i++)
            {
                var message = await pair.Server.ReceiveAsync().WithTimeout();
                var (thread, sequence) = message switch
                {
                    Ping p => ((int)(p.Token >> 32), p.Token & 0xFFFFFFFF),
                    SendText t => (int.Parse(t.Text.Split(':')[0], CultureInfo.InvariantCulture), long.Parse(t.Text.Split(':')[1], CultureInfo.InvariantCulture)),
                    _ => throw new InvalidOperationException($"Unexpected {message}"),
                };
                Assert.Equal(next[thread]++, sequence);
            }

            return next;
        });

        var sending = Enumerable.Range(0, threads).Select(thread => Task.Run(async () =>
        {
            for (var i = 0; i < perThread; i++)
            {
                // Mix the three ways of sending; text of varying length makes torn frames visible.
                var text = $"{thread}:{i}:" + new string('x', (i * 37) % 3000);
                switch (i % 3)
                {
                    case 0:
                        await pair.Client.SendAsync(new Ping(((long)thread << 32) | (uint)i));
                        break;
                    case 1:
                        await pair.Client.SendAsync(EncodedMessage.Encode(new SendText(text)));
                        break;
                    default:
                        await pair.Client.SendAsync(new[] { EncodedMessage.Encode(new SendText(text)) }.AsMemory());
                        break;
                }
            }
        })).ToArray();

        await Task.WhenAll(sending).WithTimeout();
        Assert.All(await receiving.WithTimeout(), count => Assert.Equal(perThread, count));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AbortFailsAPendingReceiveWithTheReason(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind);
        var receiving = pair.Client.ReceiveAsync().AsTask();

        pair.Client.Abort("Stopped by the test.");

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => receiving.WithTimeout());
        Assert.Equal("Stopped by the test.", ex.Message);
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => pair.Client.ReceiveAsync().WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => pair.Client.SendAsync(new Ping(1)).WithTimeout());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AbortFailsASendThatIsWaitingForThePeerToRead(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind, SmallBuffers);
        var sends = FloodWithoutReading(pair.Client);
        Assert.False(sends[^1].IsCompleted, "The peer never reads, so the last send must still be waiting.");

        pair.Client.Abort("Stopped by the test.");

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => sends[^1].WithTimeout());
        Assert.Equal("Stopped by the test.", ex.Message);
        await Task.WhenAll(sends.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default))).WithTimeout();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ThePeerSeesAnAbortAsTheConnectionLost(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind);
        var receiving = pair.Server.ReceiveAsync().AsTask();

        pair.Client.Abort();

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => receiving.WithTimeout());
        Assert.Equal("The connection was reset by the other side.", ex.Message);
        await pair.Server.Closed.WhenCancelledAsync();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task DisposeFailsAPendingReceive(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind);
        var receiving = pair.Client.ReceiveAsync().AsTask();

        var disposing = pair.Client.DisposeAsync().AsTask();

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => receiving.WithTimeout());
        Assert.Equal("The connection is closed.", ex.Message);
        Assert.Null(await pair.Server.ReceiveAsync().WithTimeout());
        await pair.Server.DisposeAsync().WithTimeout();
        await disposing.WithTimeout();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task DisposeIsIdempotentAndLaterCallsFailAsLost(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind);

        var disposing = pair.Client.DisposeAsync().AsTask();
        Assert.Null(await pair.Server.ReceiveAsync().WithTimeout());
        await pair.Server.DisposeAsync().WithTimeout();
        await disposing.WithTimeout();
        await pair.Client.DisposeAsync().WithTimeout();

        Assert.True(pair.Client.Closed.IsCancellationRequested);
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => pair.Client.SendAsync(new Ping(1)).WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => pair.Client.ReceiveAsync().WithTimeout());
    }

    [Fact]
    public async Task DisposeOverTcpGivesUpWaitingForThePeerToCloseAfterTheCloseTimeout()
    {
        await using var pair = await ConnectedPair.CreateAsync(TransportKind.Tcp, ChatConnectionOptions.Default with { CloseTimeout = TimeSpan.FromMilliseconds(200) });

        await pair.Client.DisposeAsync().WithTimeout(); // the server never closes its side

        Assert.True(pair.Client.Closed.IsCancellationRequested);
        Assert.Null(await pair.Server.ReceiveAsync().WithTimeout());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task DisposeDeliversEverythingSentBeforeTheEnd(TransportKind kind)
    {
        const int count = 2000;
        await using var pair = await ConnectedPair.CreateAsync(kind, SmallBuffers);
        var text = new string('y', 1000);

        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await pair.Client.SendAsync(new TextPosted(i, "a", text, SampleMessages.WholeSecond));
            }

            await pair.Client.DisposeAsync();
        });

        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, Assert.IsType<TextPosted>(await pair.Server.ReceiveAsync().WithTimeout()).Id);
        }

        Assert.Null(await pair.Server.ReceiveAsync().WithTimeout());
        await pair.Server.DisposeAsync().WithTimeout();
        await sending.WithTimeout();
    }

    [Fact]
    public async Task DisposeOverTcpDeliversEverythingEvenWhenThePeerSentMoreThanWasRead()
    {
        // Closing a TCP socket that has unread input sends a reset, and a reset throws away what
        // the kernel had not yet delivered. Small kernel buffers make sure that, at the close, much
        // of what the client sent is still on its way, and much of what the server sent is unread.
        await using var pair = await ConnectedPair.CreateTcpAsync(SmallBuffers, clientSendBuffer: 64 * 1024, serverReceiveBuffer: 4096);
        var flood = new SendText(new string('f', 16_000));
        for (var i = 0; i < 6; i++)
        {
            await pair.Server.SendAsync(flood).WithTimeout(); // more than the client's input buffer: some stays unread
        }

        // More than the server's input buffer and kernel buffer hold, less than everything including
        // the client's own buffers: all sends complete, and some of it is still in the client's kernel.
        const int count = 100;
        var text = new string('y', 1000);
        for (var i = 0; i < count; i++)
        {
            await pair.Client.SendAsync(new TextPosted(i, "a", text, SampleMessages.WholeSecond)).WithTimeout();
        }

        var disposing = pair.Client.DisposeAsync().AsTask();

        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, Assert.IsType<TextPosted>(await pair.Server.ReceiveAsync().WithTimeout()).Id);
        }

        Assert.Null(await pair.Server.ReceiveAsync().WithTimeout());
        await pair.Server.DisposeAsync().WithTimeout();
        await disposing.WithTimeout();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task SendsStillWaitingForTheirTurnWhenDisposeStartsFailAndEverySuccessfulSendArrives(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind, SmallBuffers);
        var text = new string('y', 1000);
        var sends = Enumerable.Range(0, 3000)
            .Select(i => pair.Client.SendAsync(new TextPosted(i, "a", text, SampleMessages.WholeSecond)).AsTask())
            .ToArray();

        var disposing = pair.Client.DisposeAsync().AsTask();
        var received = 0;
        while (await pair.Server.ReceiveAsync().WithTimeout() is { } message)
        {
            Assert.Equal(received++, Assert.IsType<TextPosted>(message).Id);
        }

        await pair.Server.DisposeAsync().WithTimeout(); // the client's close waits for the server to close its side
        await disposing.WithTimeout();
        await Task.WhenAll(sends.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default))).WithTimeout();
        Assert.Equal(received, sends.Count(s => s.IsCompletedSuccessfully));
        Assert.All(sends.Where(s => !s.IsCompletedSuccessfully), s => Assert.IsType<ChatConnectionLostException>(s.Exception!.InnerException));
        Assert.All(sends.Take(received), s => Assert.True(s.IsCompletedSuccessfully));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task DisposeDoesNotHangWhenThePeerFillsTheReceiveBufferAndNobodyReads(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind, SmallBuffers with { CloseTimeout = TimeSpan.FromSeconds(1) });
        var sends = FloodWithoutReading(pair.Server);
        Assert.False(sends[^1].IsCompleted, "The client never reads, so the last send must still be waiting.");

        await pair.Client.DisposeAsync().WithTimeout();

        pair.Server.Abort();
        await Task.WhenAll(sends.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default))).WithTimeout();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ASecondDisposeWaitsForTheFirstToFinish(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind, SmallBuffers);
        var sends = FloodWithoutReading(pair.Client);

        var first = pair.Client.DisposeAsync().AsTask();
        var second = pair.Client.DisposeAsync().AsTask();
        Assert.False(first.IsCompleted, "The first dispose waits for the sends to be delivered.");
        Assert.False(second.IsCompleted, "A second dispose must not report the connection closed before it is.");

        while (await pair.Server.ReceiveAsync().WithTimeout() is not null)
        {
        }

        await pair.Server.DisposeAsync().WithTimeout();
        await first.WithTimeout();
        await second.WithTimeout();
        await Task.WhenAll(sends.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default))).WithTimeout();
    }

    [Fact]
    public async Task ClosedFiresWhenAnInMemoryPeerCloses()
    {
        await using var pair = await ConnectedPair.CreateAsync(TransportKind.Memory);
        Assert.False(pair.Server.Closed.IsCancellationRequested);

        var disposing = pair.Client.DisposeAsync().AsTask();

        await pair.Server.Closed.WhenCancelledAsync();
        Assert.Null(await pair.Server.ReceiveAsync().WithTimeout());
        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => pair.Server.SendAsync(new Ping(1)).WithTimeout());
        Assert.Equal("The other side closed the connection.", ex.Message);
        await pair.Server.DisposeAsync().WithTimeout();
        await disposing.WithTimeout();
    }

    [Fact]
    public async Task AfterATcpPeersCleanEndThisSideMaySendUntilItCloses()
    {
        await using var pair = await ConnectedPair.CreateAsync(TransportKind.Tcp);

        // The client's close ends its direction; while it lingers, it still takes what the server sends.
        var disposing = pair.Client.DisposeAsync().AsTask();

        Assert.Null(await pair.Server.ReceiveAsync().WithTimeout());
        Assert.False(pair.Server.Closed.IsCancellationRequested);
        await pair.Server.SendAsync(new Ping(1)).WithTimeout();
        await pair.Server.DisposeAsync().WithTimeout();
        Assert.True(pair.Server.Closed.IsCancellationRequested);
        await disposing.WithTimeout();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ClosedFiresOnOwnAbort(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind);
        pair.Client.Abort();
        await pair.Client.Closed.WhenCancelledAsync();
        await pair.Server.Closed.WhenCancelledAsync();
    }

    [Fact]
    public async Task RemoteEndPointIsThePeersAddressOverTcp()
    {
        await using var pair = await ConnectedPair.CreateAsync(TransportKind.Tcp);

        Assert.Equal(pair.ListenerEndPoint, pair.Client.RemoteEndPoint);
        var server = Assert.IsType<IPEndPoint>(pair.Server.RemoteEndPoint);
        Assert.Equal(IPAddress.Loopback, server.Address);
        Assert.NotEqual(0, server.Port);
    }

    [Fact]
    public async Task RemoteEndPointNamesTheOtherEndInMemory()
    {
        await using var pair = await ConnectedPair.CreateAsync(TransportKind.Memory);

        Assert.Matches("^memory:[0-9]+/second$", pair.Client.RemoteEndPoint!.ToString());
        Assert.Matches("^memory:[0-9]+/first$", pair.Server.RemoteEndPoint!.ToString());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AFrameLargerThanTheReceiverAcceptsFailsTheReceive(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind, ChatConnectionOptions.Default with { MaxFrameLength = 100 });

        await pair.Client.SendAsync(new SendText(new string('z', 200))).WithTimeout();

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => pair.Server.ReceiveAsync().WithTimeout());
        Assert.Equal(ErrorCode.FrameTooLarge, ex.Code);
    }

    /// <summary>
    /// Starts far more 16 KB sends than every buffer between the two ends can hold, without
    /// awaiting them; the peer does not read, so the last ones are left waiting.
    /// </summary>
    private static Task[] FloodWithoutReading(ChatConnection sender)
    {
        var big = EncodedMessage.Encode(new SendText(new string('b', 16_000)));
        return [.. Enumerable.Range(0, 1500).Select(_ => sender.SendAsync(big).AsTask())];
    }
}
