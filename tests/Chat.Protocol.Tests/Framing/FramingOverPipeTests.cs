using System.Buffers;
using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Framing;

/// <summary>
/// How a <see cref="ChatConnection"/> cuts the bytes arriving on a real <see cref="System.IO.Pipelines.Pipe"/>
/// into messages, however the bytes are chunked.
/// </summary>
public class FramingOverPipeTests
{
    private static readonly ChatConnectionOptions SmallFrames = ChatConnectionOptions.Default with { MaxFrameLength = 1024 };

    [Fact]
    public async Task APartialFrameWaitsForTheRest()
    {
        await using var pipe = new RawPipeConnection(inline: true);
        var frame = MessageSerializer.ToFrame(SampleMessages.Welcome);

        var receiving = pipe.Connection.ReceiveAsync().AsTask();
        await pipe.WriteAsync(frame[..10]);
        Assert.False(receiving.IsCompleted);
        await pipe.WriteAsync(frame[10..]);

        Assert.Equivalent(SampleMessages.Welcome, await receiving.WithTimeout(), strict: true);
    }

    [Fact]
    public async Task AFrameDeliveredByteByByteCompletesOnlyWithItsLastByte()
    {
        await using var pipe = new RawPipeConnection(inline: true);
        var frame = MessageSerializer.ToFrame(SampleMessages.TextPosted);

        var receiving = pipe.Connection.ReceiveAsync().AsTask();
        for (var i = 0; i < frame.Length - 1; i++)
        {
            await pipe.WriteAsync([frame[i]]);
            Assert.False(receiving.IsCompleted, $"The receive completed after {i + 1} of {frame.Length} bytes.");
        }

        await pipe.WriteAsync([frame[^1]]);
        Assert.True(receiving.IsCompleted);
        Assert.Equal(SampleMessages.TextPosted, await receiving.WithTimeout());
    }

    [Fact]
    public async Task EveryMessageTypeArrivesByteByByte()
    {
        await using var pipe = new RawPipeConnection();
        var bytes = SampleMessages.All.SelectMany(MessageSerializer.ToFrame).ToArray();

        var writing = Task.Run(async () =>
        {
            foreach (var b in bytes)
            {
                await pipe.WriteAsync([b]);
            }
        });

        foreach (var expected in SampleMessages.All)
        {
            Assert.Equivalent(expected, await pipe.Connection.ReceiveAsync().WithTimeout(), strict: true);
        }

        await writing.WithTimeout();
    }

    [Fact]
    public async Task SeveralFramesInOneWriteAreReceivedInOrder()
    {
        await using var pipe = new RawPipeConnection();
        await pipe.WriteAsync([.. MessageSerializer.ToFrame(new Ping(1)), .. MessageSerializer.ToFrame(new Ping(2)), .. MessageSerializer.ToFrame(new Ping(3))]);
        await pipe.EndAsync();

        Assert.Equal(new Ping(1), await pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Equal(new Ping(2), await pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Equal(new Ping(3), await pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Null(await pipe.Connection.ReceiveAsync().WithTimeout());
    }

    [Fact]
    public async Task FramesThatArriveTogetherAreDecodedWithoutWaitingAgain()
    {
        await using var pipe = new RawPipeConnection(inline: true);
        await pipe.WriteAsync([.. MessageSerializer.ToFrame(new Ping(1)), .. MessageSerializer.ToFrame(new Ping(2)), .. MessageSerializer.ToFrame(new Ping(3))]);

        Assert.Equal(new Ping(1), await pipe.Connection.ReceiveAsync().WithTimeout());
        var second = pipe.Connection.ReceiveAsync().AsTask();
        Assert.True(second.IsCompletedSuccessfully, "A frame already received is decoded at once.");
        Assert.Equal(new Ping(2), await second);
        var third = pipe.Connection.ReceiveAsync().AsTask();
        Assert.True(third.IsCompletedSuccessfully, "A frame already received is decoded at once.");
        Assert.Equal(new Ping(3), await third);

        var fourth = pipe.Connection.ReceiveAsync().AsTask();
        Assert.False(fourth.IsCompleted, "Nothing more has arrived.");
        await pipe.WriteAsync(MessageSerializer.ToFrame(new Ping(4)));
        Assert.Equal(new Ping(4), await fourth.WithTimeout());
    }

    [Fact]
    public async Task AMalformedFrameAfterGoodOnesFailsOnlyTheReceiveThatReachesIt()
    {
        await using var pipe = new RawPipeConnection();
        await pipe.WriteAsync([.. MessageSerializer.ToFrame(new Ping(1)), .. Hex.Prefix(4), .. Hex.Parse("920C91C0"), .. MessageSerializer.ToFrame(new Ping(3))]);

        Assert.Equal(new Ping(1), await pipe.Connection.ReceiveAsync().WithTimeout());
        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Equal("Received a malformed message: Ping.Token is nil.", ex.Message);
    }

    [Fact]
    public async Task AStreamThatEndsMidFrameAfterWholeFramesDeliversThemFirst()
    {
        await using var pipe = new RawPipeConnection();
        var cut = MessageSerializer.ToFrame(new Goodbye("see you"))[..7];
        await pipe.WriteAsync([.. MessageSerializer.ToFrame(new Ping(1)), .. MessageSerializer.ToFrame(new Ping(2)), .. cut]);
        await pipe.EndAsync();

        Assert.Equal(new Ping(1), await pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Equal(new Ping(2), await pipe.Connection.ReceiveAsync().WithTimeout());
        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Equal("The connection ended in the middle of a frame (7 bytes were left over).", ex.Message);
    }

    [Fact]
    public async Task FramesStillBufferedAreNotDeliveredAfterAnAbort()
    {
        await using var pipe = new RawPipeConnection();
        await pipe.WriteAsync([.. MessageSerializer.ToFrame(new Ping(1)), .. MessageSerializer.ToFrame(new Ping(2))]);
        Assert.Equal(new Ping(1), await pipe.Connection.ReceiveAsync().WithTimeout());

        pipe.Connection.Abort("Gone.");

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => pipe.Connection.ReceiveAsync().AsTask().WithTimeout());
        Assert.Equal("Gone.", ex.Message);
    }

    [Fact]
    public async Task TwoFramesSplitAtAnyOffsetAreBothReceived()
    {
        var bytes = MessageSerializer.ToFrame(SampleMessages.SendText).Concat(MessageSerializer.ToFrame(SampleMessages.UsersLeft)).ToArray();
        for (var split = 0; split <= bytes.Length; split++)
        {
            await using var pipe = new RawPipeConnection();
            await pipe.WriteAsync(bytes[..split], bytes[split..]);
            await pipe.EndAsync();

            Assert.Equal(SampleMessages.SendText, await pipe.Connection.ReceiveAsync().WithTimeout());
            Assert.Equivalent(SampleMessages.UsersLeft, await pipe.Connection.ReceiveAsync().WithTimeout(), strict: true);
            Assert.Null(await pipe.Connection.ReceiveAsync().WithTimeout());
        }
    }

    [Fact]
    public async Task AStreamThatEndsBetweenFramesIsACleanEnd()
    {
        await using var pipe = new RawPipeConnection();
        await pipe.WriteAsync(MessageSerializer.ToFrame(new Ping(1)));
        await pipe.EndAsync();

        Assert.Equal(new Ping(1), await pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Null(await pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Null(await pipe.Connection.ReceiveAsync().WithTimeout());
    }

    [Theory]
    [InlineData(1)]  // inside the prefix
    [InlineData(4)]  // right after the prefix
    [InlineData(9)]  // inside the body
    public async Task AStreamThatEndsMidFrameIsAProtocolError(int cut)
    {
        await using var pipe = new RawPipeConnection();
        var frame = MessageSerializer.ToFrame(new Goodbye("see you"));
        await pipe.WriteAsync(frame[..cut]);
        await pipe.EndAsync();

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Equal($"The connection ended in the middle of a frame ({cut} bytes were left over).", ex.Message);
    }

    [Theory]
    [InlineData(1025u)]
    [InlineData(0xFFFFFFFFu)]
    public async Task AnOversizedPrefixIsRejectedBeforeAnyOfTheBodyArrives(uint announced)
    {
        await using var pipe = new RawPipeConnection(SmallFrames, inline: true);

        var receiving = pipe.Connection.ReceiveAsync().AsTask();
        await pipe.WriteAsync(Hex.Prefix(announced)); // the prefix alone, and the stream stays open

        Assert.True(receiving.IsCompleted, "The receive should fail from the prefix alone, without waiting for the body.");
        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => receiving.WithTimeout());
        Assert.Equal(ErrorCode.FrameTooLarge, ex.Code);
    }

    [Fact]
    public async Task AFrameOfExactlyTheMaximumIsReceived()
    {
        await using var pipe = new RawPipeConnection(SmallFrames);
        var text = new string('x', 1024 - 8); // 92 04 93, a str16 header (3 bytes), the text, Kind (1 byte), Room "" (1 byte)
        var frame = MessageSerializer.ToFrame(new SendText(text));
        Assert.Equal(4 + 1024, frame.Length);

        await pipe.WriteAsync(frame);

        Assert.Equal(new SendText(text), await pipe.Connection.ReceiveAsync().WithTimeout());
    }

    [Fact]
    public async Task AZeroLengthFrameIsAProtocolError()
    {
        await using var pipe = new RawPipeConnection();
        await pipe.WriteAsync(Hex.Prefix(0));

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Equal("Received an empty frame: every frame holds one message.", ex.Message);
    }

    [Fact]
    public async Task UnknownMessageTypesAreSkippedAndTheNextMessageIsReceived()
    {
        await using var pipe = new RawPipeConnection();
        await pipe.WriteAsync(
            Hex.Frame(Hex.Parse("9263 92A6667574757265 01")),  // [99, ["future", 1]]
            Hex.Frame(Hex.Parse("92CD1000 C0")),               // [4096, nil]
            MessageSerializer.ToFrame(new Ping(5)),
            Hex.Frame(Hex.Parse("9264 90")));                  // [100, []], then the end
        await pipe.EndAsync();

        Assert.Equal(new Ping(5), await pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Null(await pipe.Connection.ReceiveAsync().WithTimeout());
    }

    [Fact]
    public async Task AnUnknownMessageDeliveredByteByByteIsSkipped()
    {
        await using var pipe = new RawPipeConnection(inline: true);
        var bytes = Hex.Frame(Hex.Parse("9263 92A6667574757265 01")).Concat(MessageSerializer.ToFrame(new Pong(9))).ToArray();

        var receiving = pipe.Connection.ReceiveAsync().AsTask();
        foreach (var b in bytes)
        {
            Assert.False(receiving.IsCompleted);
            await pipe.WriteAsync([b]);
        }

        Assert.Equal(new Pong(9), await receiving.WithTimeout());
    }

    [Fact]
    public async Task TrailingBytesAfterAMessageInsideItsFrameAreAProtocolError()
    {
        await using var pipe = new RawPipeConnection();
        await pipe.WriteAsync(Hex.Frame([.. MessageSerializer.ToBody(new Ping(1)), 0xC0]));

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Equal("Received a malformed message: there are bytes after the end of the message.", ex.Message);
    }

    [Fact]
    public async Task AMissingRequiredFieldIsAProtocolErrorNamingTheField()
    {
        await using var pipe = new RawPipeConnection();
        await pipe.WriteAsync(Hex.Frame(Hex.Parse("92059301A161A161"))); // TextPosted without Timestamp

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Equal("Received a malformed message: TextPosted.Timestamp is missing.", ex.Message);
    }

    [Fact]
    public async Task ANilFieldIsAProtocolErrorNamingTheField()
    {
        await using var pipe = new RawPipeConnection();
        await pipe.WriteAsync(Hex.Frame(Hex.Parse("92039201C0"))); // Rejected with a nil Text

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Equal("Received a malformed message: Rejected.Text is nil.", ex.Message);
    }

    [Fact]
    public async Task DeepNestingIsAProtocolErrorNotACrash()
    {
        var options = ChatConnectionOptions.Default with { MaxFrameLength = 1 << 20 };
        await using var pipe = new RawPipeConnection(options);
        byte[] body = [.. Hex.Parse("920691"), .. Enumerable.Repeat((byte)0x91, 500_000), 0xC0];
        await pipe.WriteAsync(Hex.Frame(body));

        var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => pipe.Connection.ReceiveAsync().WithTimeout());
        Assert.Contains("UsersJoined.UserNames[0]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingAReceiveLeavesTheConnectionUsable()
    {
        await using var pipe = new RawPipeConnection();
        using var cancel = new CancellationTokenSource();
        var frame = MessageSerializer.ToFrame(new Ping(3));
        await pipe.WriteAsync(frame[..6]);

        var receiving = pipe.Connection.ReceiveAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receiving.WithTimeout());

        await pipe.WriteAsync(frame[6..]);
        Assert.Equal(new Ping(3), await pipe.Connection.ReceiveAsync().WithTimeout());
    }

    [Fact]
    public async Task SentMessagesLeaveAsWholeFrames()
    {
        await using var pipe = new RawPipeConnection();
        await pipe.Connection.SendAsync(SampleMessages.Hello).WithTimeout();
        await pipe.Connection.SendAsync(EncodedMessage.Encode(new Ping(1))).WithTimeout();
        await pipe.Connection.SendAsync(new[] { EncodedMessage.Encode(new Pong(1)), EncodedMessage.Encode(new Goodbye("x")) }).WithTimeout();

        byte[] expected =
        [
            .. MessageSerializer.ToFrame(SampleMessages.Hello), .. MessageSerializer.ToFrame(new Ping(1)),
            .. MessageSerializer.ToFrame(new Pong(1)), .. MessageSerializer.ToFrame(new Goodbye("x")),
        ];
        var received = new List<byte>();
        while (received.Count < expected.Length)
        {
            var result = await pipe.Outgoing.ReadAsync().WithTimeout();
            received.AddRange(result.Buffer.ToArray());
            pipe.Outgoing.AdvanceTo(result.Buffer.End);
        }

        Assert.Equal(expected, received);
    }
}
