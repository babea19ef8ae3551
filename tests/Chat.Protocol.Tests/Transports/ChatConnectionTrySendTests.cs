using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Transports;

/// <summary>
/// <see cref="IChatConnection.TrySend"/>: a write straight from the caller's thread over TCP,
/// declined whenever something is still on its way, and never out of order with <c>SendAsync</c>.
/// </summary>
public class ChatConnectionTrySendTests
{
    private static readonly ChatConnectionOptions SmallBuffers = ChatConnectionOptions.Default with
    {
        MaxFrameLength = 32 * 1024,
        CloseTimeout = TestTimeout.Value,
    };

    [Fact]
    public async Task OverTcpAMessageGoesOutAtOnce()
    {
        await using var pair = await ConnectedPair.CreateAsync(TransportKind.Tcp);
        var line = Line(1);

        Assert.True(pair.Server.TrySend([line]));

        Assert.Equivalent(line.Message, await pair.Client.ReceiveAsync().WithTimeout(), strict: true);
    }

    [Fact]
    public async Task SeveralMessagesGoOutInOrder()
    {
        await using var pair = await ConnectedPair.CreateAsync(TransportKind.Tcp);
        EncodedMessage[] lines = [Line(1), Line(2), Line(3)];

        Assert.True(pair.Server.TrySend(lines));
        Assert.True(pair.Server.TrySend([]));

        foreach (var line in lines)
        {
            Assert.Equivalent(line.Message, await pair.Client.ReceiveAsync().WithTimeout(), strict: true);
        }
    }

    [Theory]
    [InlineData(TransportKind.Memory)]
    [InlineData(TransportKind.Tls)]
    public async Task ConnectionsThatCannotWriteFromTheCallersThreadDecline(TransportKind kind)
    {
        await using var pair = await ConnectedPair.CreateAsync(kind);

        Assert.False(pair.Server.TrySend([Line(1)]));

        // Nothing was sent: the next message is the first the peer sees.
        await pair.Server.SendAsync(Line(2)).WithTimeout();
        Assert.Equivalent(Line(2).Message, await pair.Client.ReceiveAsync().WithTimeout(), strict: true);
    }

    [Fact]
    public async Task AClosedConnectionDeclines()
    {
        var pair = await ConnectedPair.CreateAsync(TransportKind.Tcp);
        await pair.DisposeAsync();

        Assert.False(pair.Server.TrySend([Line(1)]));
    }

    [Fact]
    public async Task WhileBytesWaitForAPeerThatDoesNotReadItDeclinesAndNothingIsLostOrReordered()
    {
        await using var pair = await ConnectedPair.CreateAsync(TransportKind.Tcp, SmallBuffers);
        const int limit = 50_000; // 1 KiB each: far more than the kernel's buffers and the peer's pipe hold
        var text = new string('x', 1000);

        // The peer does not read: at some point the kernel takes only part of a frame, the rest
        // waits in the connection's buffer, and every later TrySend must decline.
        var taken = 0;
        while (taken < limit && pair.Server.TrySend([Line(taken, text)]))
        {
            taken++;
        }

        Assert.InRange(taken, 1, limit - 1);
        Assert.False(pair.Server.TrySend([Line(taken, text)]));

        // The declined ones go the ordinary way, behind what is buffered, while the peer reads.
        const int more = 20;
        var sending = Task.Run(async () =>
        {
            for (var i = taken; i < taken + more; i++)
            {
                await pair.Server.SendAsync(Line(i, text));
            }
        });

        for (var expected = 0; expected < taken + more; expected++)
        {
            var received = Assert.IsType<TextPosted>(await pair.Client.ReceiveAsync().WithTimeout());
            Assert.Equal(expected, received.Id);
        }

        await sending.WithTimeout();

        // Everything went out: it writes at once again.
        Assert.True(pair.Server.TrySend([Line(taken + more)]));
        Assert.Equal(taken + more, Assert.IsType<TextPosted>(await pair.Client.ReceiveAsync().WithTimeout()).Id);
    }

    private static EncodedMessage Line(int id, string? text = null) =>
        EncodedMessage.Encode(new TextPosted(id, "alice", text ?? $"line {id}", DateTime.UnixEpoch));
}
