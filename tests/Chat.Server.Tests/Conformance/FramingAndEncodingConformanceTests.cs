using Chat.Protocol;
using Chat.Protocol.Wire;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Conformance;

/// <summary>
/// docs/protocol.md sections 2 to 4, over real TCP against a real server: a client that sends
/// hand-made bytes meets exactly what the document says. Each test names the rule it checks.
/// </summary>
public class FramingAndEncodingConformanceTests
{
    [Fact]
    [Trait("ProtocolRule", "R2.2")]
    public async Task AFrameOfExactlyTheAnnouncedMaximumIsAccepted()
    {
        await using var server = TestServer.Start(o => o with { MaxFrameLength = 20_000 });
        await using var client = await server.ConnectRawAsync();
        var welcome = await client.JoinAsync("alice");
        Assert.Equal(20_000, welcome.MaxFrameLength);

        // [4, [text]] with a str 16 of n bytes: 2 + 1 + 3 + n = 20,000.
        var text = new string('x', 20_000 - 6);
        await client.SendBodyAsync("9204 91 DA" + (text.Length).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(text)));

        // Too long a text for the room, but a frame the server accepts: a refusal, not a disconnection.
        var error = await client.ReceiveAsync<ErrorMessage>();
        Assert.Equal((ErrorCode.TextTooLong, false), (error.Code, error.Fatal));
        await AssertStillPostsAsync(client);
    }

    [Fact]
    [Trait("ProtocolRule", "R2.3")]
    public async Task AWelcomeNeverExceedsTheLargestFrameAServerSendsAndKeepsTheNewestLinesThatFit()
    {
        // A small bound stands in for the 16 MiB one, so that a few lines overflow it.
        const int Bound = 16 * 1024;
        await using var server = TestServer.Start(o => o with { MaxSentFrameLength = Bound, MaxTextLength = 1000, HistoryLength = 50, MessageRate = 0, MaxClients = 10 });
        await using var alice = await server.JoinRawAsync("alice");
        for (var i = 0; i < 30; i++)
        {
            await alice.SendAsync(new SendText($"{i:D2} " + new string('é', 900))); // 1,800 bytes of UTF-8 each
        }

        await alice.ReceiveAsync<TextPosted>(line => line.Text.StartsWith("29 ", StringComparison.Ordinal));
        await using var bob = await server.ConnectRawAsync();
        var welcome = await bob.JoinAsync("bob");

        Assert.InRange(bob.LastFrameLength, Bound - 2000, Bound);
        Assert.InRange(welcome.Recent.Count, 1, 29);
        Assert.Equal(
            Enumerable.Range(30 - welcome.Recent.Count, welcome.Recent.Count).Select(i => $"{i:D2}"),
            welcome.Recent.Select(line => line.Text[..2]));
    }

    [Fact]
    [Trait("ProtocolRule", "R2.4")]
    public async Task AnEmptyFrameIsAProtocolErrorInOurOwnWords()
    {
        await using var server = TestServer.Start();
        await using var client = await server.JoinRawAsync("alice");

        await client.SendBytesAsync([0, 0, 0, 0]);

        var error = await FatalErrorAsync(client);
        Assert.Equal((ErrorCode.ProtocolViolation, "Received an empty frame: every frame holds one message."), (error.Code, error.Text));
    }

    [Fact]
    [Trait("ProtocolRule", "R2.5")]
    public async Task BytesAfterTheMessageInsideItsFrameAreAProtocolError()
    {
        await using var server = TestServer.Start();
        await using var client = await server.JoinRawAsync("alice");

        await client.SendBodyAsync("9204 91 A26869 C0");

        var error = await FatalErrorAsync(client);
        Assert.Equal((ErrorCode.ProtocolViolation, "Received a malformed message: there are bytes after the end of the message."), (error.Code, error.Text));
    }

    [Fact]
    [Trait("ProtocolRule", "R2.6")]
    public async Task AStreamThatEndsInsideAFrameIsAProtocolError()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var mallory = await server.JoinRawAsync("mallory");

        await mallory.SendBytesAsync([0, 0, 0, 10, 0x92, 0x04]);
        mallory.ShutdownSend();

        // The client has closed its side, so nothing need reach it: the server drops it as having
        // broken the protocol, not as having left.
        var (messages, _) = await mallory.ReadToEndAsync();
        Assert.DoesNotContain(messages, m => m is not ErrorMessage { Code: ErrorCode.ProtocolViolation, Fatal: true });
        Assert.Equal(LeaveReason.Error, (await alice.DepartureOfAsync("mallory")).Reason);
        Assert.Contains(server.Logs.Entries, e => e.Message.StartsWith("mallory (", StringComparison.Ordinal) && e.Message.Contains("broke the protocol", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("ProtocolRule", "R2.7")]
    public async Task FramesAreReassembledByLengthWhateverTheReadBoundaries()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        // A hello and a line in one write, delivered a byte at a time; then two lines in one write.
        var bytes = MessageSerializer.ToFrame(new Hello(1, "alice", "raw", "1.0")).Concat(MessageSerializer.ToFrame(new SendText("one"))).ToArray();
        foreach (var b in bytes)
        {
            await client.SendBytesAsync([b]);
        }

        await client.SendBytesAsync([.. MessageSerializer.ToFrame(new SendText("two")), .. MessageSerializer.ToFrame(new SendText("three"))]);

        Assert.IsType<Welcome>(await client.ReceiveAsync());
        Assert.Equal("one", (await client.ReceiveAsync<TextPosted>()).Text);
        Assert.Equal("two", (await client.ReceiveAsync<TextPosted>()).Text);
        Assert.Equal("three", (await client.ReceiveAsync<TextPosted>()).Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R3.1")]
    public async Task AFrameOfAnUnknownTypeIsSkipped()
    {
        await using var server = TestServer.Start();
        await using var client = await server.JoinRawAsync("alice");

        await client.SendBodyAsync("9263 92 A6667574757265 01"); // [99, ["future", 1]]

        await AssertStillPostsAsync(client);
    }

    [Fact]
    [Trait("ProtocolRule", "R3.2")]
    public async Task AnyIntegerFormatWhoseValueFitsIsAccepted()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        // Hello with its version as an int 64, then a line whose kind is a uint 8.
        await client.SendBodyAsync("9201 94 D30000000000000001 A5616C696365 A3726177 A3312E30");
        Assert.Equal(1, Assert.IsType<Welcome>(await client.ReceiveAsync()).ProtocolVersion);
        await client.SendBodyAsync("9204 92 A26869 CC01");

        var line = await client.ReceiveAsync<TextPosted>();
        Assert.Equal(("hi", TextKind.Action), (line.Text, line.Kind));
    }

    [Fact]
    [Trait("ProtocolRule", "R3.2")]
    public async Task AnIntegerThatDoesNotFitItsFieldIsAProtocolError()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        await client.SendBodyAsync("9201 94 CF0000010000000000 A5616C696365 A3726177 A3312E30");

        var error = await FatalErrorAsync(client);
        Assert.Equal("Received a malformed message: Hello.ProtocolVersion is out of range.", error.Text);
    }

    [Theory]
    [Trait("ProtocolRule", "R3.3")]
    [Trait("ProtocolRule", "R3.4")]
    [Trait("ProtocolRule", "R3.6")]
    [InlineData("9204 91 C0", "SendText.Text is nil")]
    [InlineData("9204 91 05", "SendText.Text must be a string")]
    [InlineData("9204 90", "SendText.Text is missing")]
    [InlineData("9208 92 C0 A26869", "SendPrivate.To is nil")]
    [InlineData("9204 92 A26869 A3616374", "SendText.Kind must be an integer")]
    public async Task ANilMistypedOrMissingFieldIsAProtocolErrorNamingIt(string body, string named)
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var client = await server.JoinRawAsync("mallory");

        await client.SendBodyAsync(body);

        var error = await FatalErrorAsync(client);
        Assert.Equal((ErrorCode.ProtocolViolation, $"Received a malformed message: {named}."), (error.Code, error.Text));
        await AssertStillChatsAsync(alice);
    }

    [Theory]
    [Trait("ProtocolRule", "R3.5")]
    [InlineData("A3EDA080")]   // a surrogate encoded in UTF-8
    [InlineData("A2C0AF")]     // an overlong '/'
    [InlineData("A3616280")]   // a lone continuation byte
    [InlineData("A36162E2")]   // a sequence cut short
    public async Task InvalidUtf8IsAProtocolErrorNothingIsPostedAndTheOthersGoOn(string badText)
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var mallory = await server.JoinRawAsync("mallory");
        await alice.NextAsync<UsersJoined>(joined => joined.UserNames.Contains("mallory"));

        await mallory.SendBodyAsync("9204 91 " + badText);

        var (messages, _) = await mallory.ReadToEndAsync();
        var error = Assert.IsType<ErrorMessage>(messages.Last());
        Assert.Equal(
            (ErrorCode.ProtocolViolation, true, "Received a malformed message: SendText.Text is not valid UTF-8."),
            (error.Code, error.Fatal, error.Text));
        Assert.DoesNotContain(messages, m => m is TextPosted);
        Assert.Equal(LeaveReason.Error, (await alice.DepartureOfAsync("mallory")).Reason);
        await AssertStillChatsAsync(alice);
    }

    [Fact]
    [Trait("ProtocolRule", "R3.5")]
    public async Task InvalidUtf8InTheHelloIsAProtocolErrorBeforeTheWelcome()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        await client.SendBodyAsync("9201 94 01 A3616280 A3726177 A3312E30");

        var error = await FatalErrorAsync(client);
        Assert.Equal("Received a malformed message: Hello.UserName is not valid UTF-8.", error.Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R3.5")]
    public async Task TextInEveryScriptIsRelayedByteForByte()
    {
        await using var server = TestServer.Start();
        await using var client = await server.JoinRawAsync("alice");
        const string Text = "zoë 名前 🙂 \U0010FFFD";

        await client.SendAsync(new SendText(Text));

        Assert.Equal(Text, (await client.ReceiveAsync<TextPosted>()).Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R3.6")]
    [Trait("ProtocolRule", "R3.7")]
    public async Task OptionalFieldsMayBeLeftOutAndExtraFieldsAreIgnored()
    {
        await using var server = TestServer.Start();
        await using var client = await server.JoinRawAsync("alice");

        await client.SendBodyAsync("9204 91 A3616161");                 // no Kind: Plain
        await client.SendBodyAsync("9204 95 A3626262 01 A0 A3666F6F C3"); // the default room, then two fields from a newer client

        var first = await client.ReceiveAsync<TextPosted>();
        var second = await client.ReceiveAsync<TextPosted>();
        Assert.Equal(("aaa", TextKind.Plain), (first.Text, first.Kind));
        Assert.Equal(("bbb", TextKind.Action), (second.Text, second.Kind));
    }

    [Fact]
    [Trait("ProtocolRule", "R3.8")]
    public async Task ALineOfAKindTheServerDoesNotKnowIsRelayedAsPlain()
    {
        await using var server = TestServer.Start();
        await using var bob = await server.ConnectAsync("bob");
        await using var client = await server.JoinRawAsync("alice");

        await client.SendBodyAsync("9204 92 A26869 09");             // SendText("hi", Kind: 9)
        await client.SendBodyAsync("9208 93 A3626F62 A470737374 09"); // SendPrivate("bob", "psst", Kind: 9)

        var line = await bob.NextAsync<TextPosted>();
        Assert.Equal(("alice", "hi", TextKind.Plain), (line.Author, line.Text, line.Kind));
        var whisper = await bob.NextAsync<PrivateMessage>();
        Assert.Equal(("psst", TextKind.Plain), (whisper.Text, whisper.Kind));
        Assert.Equal(TextKind.Plain, (await client.ReceiveAsync<TextPosted>()).Kind);
    }

    [Theory]
    [Trait("ProtocolRule", "R4.1")]
    [InlineData("Welcome")]
    [InlineData("TextPosted")]
    [InlineData("ErrorMessage")]
    [InlineData("ServerShutdown")]
    public async Task AMessageSentInTheWrongDirectionIsAProtocolError(string type)
    {
        ChatMessage message = type switch
        {
            "Welcome" => new Welcome(1, "a", "b", [], "", [], 1, 1),
            "TextPosted" => new TextPosted(1, "alice", "hi", DateTime.UtcNow),
            "ErrorMessage" => new ErrorMessage(ErrorCode.Kicked, "no"),
            _ => new ServerShutdown("bye"),
        };
        await using var server = TestServer.Start();
        await using var client = await server.JoinRawAsync("alice");

        await client.SendAsync(message);

        var error = await FatalErrorAsync(client);
        Assert.Equal($"A client may not send {type}; only the server does.", error.Text);
    }

    /// <summary>Reads to the end of the connection, which must close after a fatal error.</summary>
    internal static async Task<ErrorMessage> FatalErrorAsync(RawClient client)
    {
        var (messages, _) = await client.ReadToEndAsync();
        var error = Assert.IsType<ErrorMessage>(messages.Last());
        Assert.True(error.Fatal);
        return error;
    }

    private static async Task AssertStillPostsAsync(RawClient client)
    {
        var text = $"still here {Guid.NewGuid():N}";
        await client.SendAsync(new SendText(text));
        await client.ReceiveAsync<TextPosted>(line => line.Text == text);
    }

    private static async Task AssertStillChatsAsync(ChatClient client)
    {
        var text = $"still chatting {Guid.NewGuid():N}";
        await client.SendAsync(text).AsTask().WithTimeout();
        await client.NextAsync<TextPosted>(line => line.Text == text);
    }
}
