using System.Buffers.Binary;
using System.Text;
using Chat.Protocol;
using Chat.Server.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Chat.Server.Tests.Integration;

public class AbuseTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("ProtocolRule", "R7.32")]
    [Trait("ProtocolRule", "R7.33")]
    public async Task GarbageAfterJoiningDisconnectsOnlyItsSender()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var mallory = await server.JoinRawAsync("mallory");
        await alice.NextAsync<UsersJoined>(joined => joined.UserNames.Contains("mallory"));

        // A frame whose body is not MessagePack (0xc1 is a code MessagePack never uses).
        await mallory.SendBytesAsync([0, 0, 0, 3, 0xc1, 0xc1, 0xc1]);

        var (messages, _) = await mallory.ReadToEndAsync();
        var error = Assert.IsType<ErrorMessage>(messages.Last());
        Assert.Equal((ErrorCode.ProtocolViolation, true), (error.Code, error.Fatal));
        Assert.Equal(LeaveReason.Error, (await alice.DepartureOfAsync("mallory")).Reason);
        await AssertStillChatsAsync(alice);
    }

    [Fact]
    [Trait("ProtocolRule", "R2.1")]
    public async Task SomethingThatIsNotTheProtocolIsRefusedBeforeTheHandshake()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var browser = await server.ConnectRawAsync();

        // "GET " read as a length prefix announces more than a gigabyte.
        await browser.SendBytesAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));

        var (messages, _) = await browser.ReadToEndAsync();
        var error = Assert.IsType<ErrorMessage>(Assert.Single(messages));
        Assert.Equal((ErrorCode.FrameTooLarge, true), (error.Code, error.Fatal));
        await AssertStillChatsAsync(alice);
    }

    [Fact]
    [Trait("ProtocolRule", "R2.1")]
    [Trait("ProtocolRule", "R2.2")]
    [Trait("ProtocolRule", "R7.33")]
    public async Task AnOversizedFrameDisconnectsOnlyItsSender()
    {
        await using var server = TestServer.Start(o => o with { MaxFrameLength = 20_000 });
        await using var alice = await server.ConnectAsync("alice");
        await using var mallory = await server.JoinRawAsync("mallory");

        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, 20_001);
        await mallory.SendBytesAsync(prefix);

        var (messages, _) = await mallory.ReadToEndAsync();
        var error = Assert.IsType<ErrorMessage>(messages.Last());
        Assert.Equal((ErrorCode.FrameTooLarge, true), (error.Code, error.Fatal));
        Assert.Contains("20000", error.Text, StringComparison.Ordinal);
        Assert.Equal(LeaveReason.Error, (await alice.DepartureOfAsync("mallory")).Reason);
        await AssertStillChatsAsync(alice);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.1")]
    public async Task AMessageOutOfTurnIsAProtocolViolation()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        await client.SendAsync(new SendText("hello before hello"));

        var (messages, _) = await client.ReadToEndAsync();
        var error = Assert.IsType<ErrorMessage>(Assert.Single(messages));
        Assert.Equal((ErrorCode.ProtocolViolation, true), (error.Code, error.Fatal));
        Assert.Contains("Hello", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAbruptDisconnectIsAnnouncedAsALeaveAndLoggedOnce()
    {
        var server = TestServer.Start();
        await using (server)
        {
            await using var alice = await server.ConnectAsync("alice");
            await using var carol = await server.JoinRawAsync("carol");
            await alice.NextAsync<UsersJoined>(joined => joined.UserNames.Contains("carol"));

            carol.Reset();

            var departure = await alice.DepartureOfAsync("carol");
            Assert.Equal(LeaveReason.Error, departure.Reason);
            await AssertStillChatsAsync(alice);
        }

        // After the server has stopped, every session has finished logging.
        var aboutCarol = server.Logs.Entries.Where(e => e.Message.StartsWith("carol (", StringComparison.Ordinal)).ToList();
        foreach (var entry in aboutCarol)
        {
            output.WriteLine($"{entry.Level}: {entry.Message}");
        }

        Assert.Equal(2, aboutCarol.Count); // joined, then left
        Assert.Contains("ConnectionLost", aboutCarol[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(32, 16 * 1024 * 1024, 0)]     // the count is passed first
    [InlineData(100_000, 64 * 1024, 0)]       // the bytes are passed first: 16 lines of 4,000 characters
    [InlineData(100_000, 64 * 1024, 1000)]    // and the client reads again only well after the close timeout
    [Trait("ProtocolRule", "R7.32")]
    [Trait("ProtocolRule", "R8.7")]
    public async Task AClientThatStopsReadingIsDroppedWithoutDelayingTheOthersAndLearnsWhy(int queueLength, int queueBytes, int readsAfterMilliseconds)
    {
        const int Window = 8;
        await using var server = TestServer.Start(o => o with
        {
            SendQueueLength = queueLength,
            SendQueueBytes = queueBytes,
            MessageRate = 0,
            CloseTimeout = TimeSpan.FromMilliseconds(200),
        });
        await using var slow = await server.ConnectRawAsync(receiveBufferSize: 4096);
        await slow.JoinAsync("slow");
        await using var alice = await server.ConnectAsync("alice");
        await using var bob = await server.ConnectAsync("bob");
        await using var atAlice = alice.ReadMessagesAsync().GetAsyncEnumerator();
        await using var atBob = bob.ReadMessagesAsync().GetAsyncEnumerator();
        var aliceLines = new List<TextPosted>();
        var bobLines = new List<TextPosted>();
        Departure? slowLeft = null;

        // Alice talks, a few lines at a time, while she and Bob keep up; the client that does not
        // read falls further behind with every line until the server gives up on it (once the
        // kernel's buffers for it are full, its queue fills within a few windows).
        var text = new string('x', 4000);
        var sent = 0;
        while (slowLeft is null && sent < 5000)
        {
            for (var i = 0; i < Window; i++)
            {
                await alice.SendAsync(text).AsTask().WithTimeout();
            }

            sent += Window;
            await ReadLinesAsync(atAlice, aliceLines, sent, _ => { });
            await ReadLinesAsync(atBob, bobLines, sent, departure => slowLeft ??= departure);
        }

        output.WriteLine($"The slow client was dropped after {sent} lines of 4000 characters.");
        Assert.NotNull(slowLeft);
        Assert.Equal(LeaveReason.Error, slowLeft.Reason);
        Assert.Equal(aliceLines, bobLines);
        Assert.True(bobLines.Zip(bobLines.Skip(1)).All(pair => pair.Second.Id == pair.First.Id + 1), "no line may be missing");

        // The server cut the slow client off; what it had handed to the connection already is
        // followed by the fatal error and a clean end, so the client, reading now or a while
        // later (busy elsewhere, not waiting for anything of the server's), learns why.
        await Task.Delay(readsAfterMilliseconds);
        var (messages, reset) = await slow.ReadToEndAsync();
        Assert.False(reset, "the slow client found a reset instead of the reason");
        var error = Assert.IsType<ErrorMessage>(messages.Last());
        Assert.Equal((ErrorCode.SlowConsumer, true), (error.Code, error.Fatal));
        Assert.Contains("fell too far behind", error.Text, StringComparison.Ordinal);
        Assert.True(messages.Count(m => m is TextPosted) < sent, "what was still queued for the slow client is dropped, not delivered");
    }

    [Fact]
    [Trait("ProtocolRule", "R8.3")]
    public async Task SendingTooFastIsRefusedAndFloodingDisconnects()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = TestServer.Start(o => o with { MessageRate = 1, MessageBurst = 3, TimeProvider = time, PresenceInterval = TimeSpan.Zero });
        await using var watcher = await server.ConnectAsync("watcher");
        await using var flooder = await server.ConnectAsync("flooder");

        // The clock stands still, so the bucket does not refill: three lines pass, the fourth is refused.
        for (var i = 1; i <= 4; i++)
        {
            await flooder.SendAsync($"line {i}").AsTask().WithTimeout();
        }

        Assert.Equal(["line 1", "line 2", "line 3"], (await flooder.LinesAsync(3)).Select(line => line.Text));
        var refused = await flooder.NextAsync<ErrorMessage>();
        Assert.Equal((ErrorCode.RateLimited, false), (refused.Code, refused.Fatal));

        // A second later there is room for one more.
        time.Advance(TimeSpan.FromSeconds(2));
        await flooder.SendAsync("after a pause").AsTask().WithTimeout();
        Assert.Equal("after a pause", (await flooder.NextAsync<TextPosted>()).Text);

        // Keeping on regardless is an excess flood. The server may cut the connection before all ten
        // are written: a send that finds it closed ends the flood.
        for (var i = 0; i < 10; i++)
        {
            try
            {
                await flooder.SendAsync($"flood {i}").AsTask().WithTimeout();
            }
            catch (ChatConnectionLostException)
            {
                break;
            }
        }

        var messages = await flooder.ReadToEndAsync();
        var fatal = Assert.IsType<ErrorMessage>(messages.Last());
        Assert.Equal((ErrorCode.RateLimited, true), (fatal.Code, fatal.Fatal));
        Assert.Equal(LeaveReason.Error, (await watcher.DepartureOfAsync("flooder")).Reason);
        Assert.DoesNotContain(messages, m => m is TextPosted { Text: var text } && text.StartsWith("flood", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.3")]
    [Trait("ProtocolRule", "R7.5")]
    public async Task AClientThatNeverSaysHelloIsDisconnected()
    {
        await using var server = TestServer.Start(o => o with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        await using var silent = await server.ConnectRawAsync();

        var (messages, _) = await silent.ReadToEndAsync();

        var error = Assert.IsType<ErrorMessage>(Assert.Single(messages));
        Assert.Equal((ErrorCode.HandshakeTimeout, true), (error.Code, error.Fatal));
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("HandshakeTimeout", StringComparison.Ordinal));

        // Timeouts before hello come in floods: the log sums them up per address (the last summary when the server stops).
        await server.Server.StopAsync().WithTimeout();
        var summary = Assert.Single(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("127.0.0.1 in the last", StringComparison.Ordinal));
        Assert.EndsWith("dropped 1 that did not say hello in time", summary.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads until <paramref name="lines"/> holds <paramref name="count"/> lines, noting the slow client's departure.</summary>
    private static async Task ReadLinesAsync(
        IAsyncEnumerator<ChatMessage> messages, List<TextPosted> lines, int count, Action<Departure> slowLeft)
    {
        while (lines.Count < count)
        {
            Assert.True(await messages.MoveNextAsync().AsTask().WithTimeout(), "The session ended.");
            if (messages.Current is TextPosted line)
            {
                lines.Add(line);
            }
            else if (messages.Current is UsersLeft left && left.Departures.FirstOrDefault(d => d.UserName == "slow") is { } departure)
            {
                slowLeft(departure);
            }
        }
    }

    private static async Task AssertStillChatsAsync(ChatClient client)
    {
        var text = $"still chatting {Guid.NewGuid():N}";
        await client.SendAsync(text).AsTask().WithTimeout();
        await client.NextAsync<TextPosted>(line => line.Text == text);
    }
}
