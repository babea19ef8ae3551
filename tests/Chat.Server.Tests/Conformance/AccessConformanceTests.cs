using System.Net;
using Chat.Protocol;
using Chat.Protocol.Wire;
using Chat.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Conformance;

/// <summary>
/// docs/protocol.md: the password (handshake, rule 10), refusals in words (rule 11), the frame
/// budget and the limits per address (section 8), over real TCP against a real server. Clients
/// on 127.0.0.2 play another address.
/// </summary>
public class AccessConformanceTests
{
    private static readonly IPAddress s_otherAddress = IPAddress.Parse("127.0.0.2");

    [Fact]
    [Trait("ProtocolRule", "R7.13")]
    public async Task ARightPasswordIsWelcomedAndAMissingOrWrongOneIsRejectedAsBadPassword()
    {
        await using var server = TestServer.Start(o => o with { Password = new ServerPassword("s3cret"), PasswordDelay = TimeSpan.Zero });
        await using var none = await server.ConnectRawAsync();
        await using var wrong = await server.ConnectRawAsync();
        await using var right = await server.ConnectRawAsync();

        var missing = Assert.IsType<Rejected>(await none.HelloAsync("alice"));
        var bad = Assert.IsType<Rejected>(await wrong.HelloAsync("alice", password: "s3cre"));
        Assert.IsType<Welcome>(await right.HelloAsync("alice", password: "s3cret"));

        Assert.Equal((RejectReason.BadPassword, "This server asks for a password, and your client gave none."), (missing.Reason, missing.Text));
        Assert.Equal((RejectReason.BadPassword, "The password is wrong."), (bad.Reason, bad.Text));
        Assert.Null(await wrong.ReceiveAsync()); // closed after the rejection
    }

    [Fact]
    [Trait("ProtocolRule", "R7.13")]
    public async Task TheClientLibraryGivesThePasswordAndSaysInWordsWhenItIsWrong()
    {
        await using var server = TestServer.Start(o => o with { Password = new ServerPassword("s3cret"), PasswordDelay = TimeSpan.Zero });

        await using var alice = await server.ConnectAsync("alice", ChatClientOptions.Default with { Password = "s3cret" });
        var ex = await Assert.ThrowsAsync<ChatRejectedException>(() => server.ConnectAsync("bob", ChatClientOptions.Default with { Password = "guess" }));

        Assert.True(ex.IsPasswordProblem);
        Assert.Equal("The server needs a password, and none or a wrong one was given.", ex.Message);
        Assert.Equal("The password is wrong.", ex.ServerText);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.13")]
    public async Task AWrongPasswordIsAnsweredOnlyAfterTheDelayWhileOthersJoinMeanwhile()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var delay = TimeSpan.FromSeconds(1);
        await using var server = TestServer.Start(o => o with { Password = new ServerPassword("s3cret"), PasswordDelay = delay, TimeProvider = time });
        await using var guesser = await server.ConnectRawAsync();
        await guesser.SendAsync(new Hello(1, "mallory", "raw", "1.0") { Password = "guess" });
        var answer = guesser.ReceiveAsync();
        await Condition.UntilAsync(() => server.Server.Admission.Summary.BadPasswordTotal == 1, "the server has read the wrong password");

        // The server's clock has not moved: the guesser waits, and another client's handshake does not.
        await using var alice = await server.ConnectRawAsync();
        Assert.IsType<Welcome>(await alice.HelloAsync("alice", password: "s3cret"));
        Assert.False(answer.IsCompleted, "The wrong password was answered before the delay.");

        time.Advance(delay);
        var rejected = Assert.IsType<Rejected>(await answer.WithTimeout());
        Assert.Equal(RejectReason.BadPassword, rejected.Reason);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.14")]
    [Trait("ProtocolRule", "R8.11")]
    public async Task AConnectionOverTheLimitPerAddressIsToldWhyInWordsBeforeACleanClose()
    {
        await using var server = TestServer.Start(o => o with { MaxConnectionsPerAddress = 2 });
        await using var first = await server.ConnectRawAsync(from: s_otherAddress);
        await using var second = await server.ConnectRawAsync(from: s_otherAddress);
        await using var third = await server.ConnectRawAsync(from: s_otherAddress);
        await third.SendAsync(new Hello(1, "carol", "raw", "1.0"));

        var (messages, reset) = await third.ReadToEndAsync();

        var error = Assert.IsType<ErrorMessage>(Assert.Single(messages));
        Assert.Equal((ErrorCode.ServerBusy, true), (error.Code, error.Fatal));
        Assert.Equal("The server is busy: your address has 2 connections open, as many as it allows; close one or try again later.", error.Text);
        Assert.False(reset, "The refusal ended in a reset.");

        // Another address is not concerned, and the client library reports the words.
        await using var alice = await server.ConnectAsync("alice");
        var ex = await Assert.ThrowsAsync<ChatException>(() => ConnectFromAsync(server, "dave"));
        Assert.Contains("your address has 2 connections open", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.11")]
    public async Task AFloodFromOneAddressLeavesAnOrdinaryUserChatting()
    {
        const int Flood = 60;
        await using var server = TestServer.Start();
        var flooders = new List<RawClient>();
        try
        {
            for (var i = 0; i < Flood; i++)
            {
                flooders.Add(await server.ConnectRawAsync(from: s_otherAddress));
            }

            // Connections that never say hello: only 8 may wait at once; the rest are told why.
            var ends = await Task.WhenAll(flooders.Skip(ChatServerOptions.Default.MaxPendingPerAddress).Select(f => f.ReadToEndAsync()));
            Assert.All(ends, end => Assert.Equal(ErrorCode.ServerBusy, Assert.IsType<ErrorMessage>(Assert.Single(end.Messages)).Code));
            Assert.Equal(ChatServerOptions.Default.MaxPendingPerAddress, server.Server.Admission.PendingCount);

            await using var alice = await server.ConnectAsync("alice");
            await using var bob = await server.ConnectAsync("bob");
            await alice.SendAsync("still here").AsTask().WithTimeout();
            Assert.Equal("still here", (await bob.LinesAsync(1)).Single().Text);
        }
        finally
        {
            foreach (var flooder in flooders)
            {
                await flooder.DisposeAsync();
            }
        }
    }

    [Fact]
    [Trait("ProtocolRule", "R8.11")]
    public async Task OneAddressCannotFillTheRoom()
    {
        await using var server = TestServer.Start(o => o with { MaxMembersPerAddress = 2 });
        await using var one = await server.ConnectRawAsync(from: s_otherAddress);
        await using var two = await server.ConnectRawAsync(from: s_otherAddress);
        await using var three = await server.ConnectRawAsync(from: s_otherAddress);
        await one.JoinAsync("one");
        await two.JoinAsync("two");

        var refused = Assert.IsType<Rejected>(await three.HelloAsync("three"));

        Assert.Equal(RejectReason.ServerFull, refused.Reason);
        Assert.Equal("Your address already has 2 users in the room, as many as the server allows from one address; try again later.", refused.Text);
        await using var alice = await server.ConnectAsync("alice"); // from 127.0.0.1
        Assert.Equal(3, alice.UsersAtJoin);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.11")]
    public async Task AtTheCapTheOldestConnectionThatHasNotSaidHelloMakesRoom()
    {
        // A cap of 4 connections (2 users and 2 more); loopback is exempt, so only the cap applies.
        await using var server = TestServer.Start(o => o with { MaxClients = 2, ConnectionsBeyondRoom = 2, Exempt = TestServer.Loopback });
        var idle = new List<RawClient>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                idle.Add(await server.ConnectRawAsync());
                await Condition.UntilAsync(() => server.Server.Admission.PendingCount == idle.Count, "the server has the idle connection");
            }

            await using var alice = await server.ConnectAsync("alice");

            var (messages, reset) = await idle[0].ReadToEndAsync();
            var error = Assert.IsType<ErrorMessage>(Assert.Single(messages));
            Assert.Equal((ErrorCode.ServerBusy, true, false), (error.Code, error.Fatal, reset));
            Assert.Contains("yours, which had not said hello yet, was the oldest", error.Text, StringComparison.Ordinal);
            Assert.Equal(3, server.Server.Admission.PendingCount); // the other three still wait

            // The next newcomer evicts the next oldest, and the room goes on.
            await using var bob = await server.ConnectAsync("bob");
            Assert.Equal(ErrorCode.ServerBusy, Assert.IsType<ErrorMessage>(Assert.Single((await idle[1].ReadToEndAsync()).Messages)).Code);
            await alice.SendAsync("hi").AsTask().WithTimeout();
            Assert.Equal("hi", (await bob.LinesAsync(1)).Single().Text);
        }
        finally
        {
            foreach (var client in idle)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    [Trait("ProtocolRule", "R7.14")]
    public async Task AtTheCapWithNobodyToEvictANewcomerIsToldTheServerIsBusy()
    {
        await using var server = TestServer.Start(o => o with { MaxClients = 2, ConnectionsBeyondRoom = 0, Exempt = TestServer.Loopback });
        await using var alice = await server.ConnectAsync("alice");
        await using var bob = await server.ConnectAsync("bob");

        var ex = await Assert.ThrowsAsync<ChatException>(() => server.ConnectAsync("carol"));

        Assert.Equal("The server refused the connection: The server is busy: it has as many connections as it allows; try again later.", ex.Message);
    }

    [Theory]
    [Trait("ProtocolRule", "R8.10")]
    [InlineData("pongs")]
    [InlineData("unknown ids")]
    public async Task EveryFrameCountsTowardTheFrameBudget(string kind)
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var flooder = await server.JoinRawAsync("flooder");
        var budget = server.Server.Options.EffectiveFrameBurst;
        var frame = kind == "pongs" ? MessageSerializer.ToFrame(new Pong(1)) : [0, 0, 0, 3, 0x92, 0x63, 0x90]; // [99, []]: an id nobody knows
        var flood = Enumerable.Repeat(frame, budget + 10).SelectMany(static bytes => bytes).ToArray();

        await flooder.SendBytesAsync(flood);

        var error = await FramingAndEncodingConformanceTests.FatalErrorAsync(flooder);
        Assert.Equal(ErrorCode.RateLimited, error.Code);
        Assert.Contains("every frame counts, pongs and unknown ones too", error.Text, StringComparison.Ordinal);
        await alice.SendAsync("still here").AsTask().WithTimeout();
        Assert.Equal("still here", (await alice.LinesAsync(1)).Single().Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.10")]
    public async Task AClientWithinTheRateLimitNeverMeetsTheFrameBudget()
    {
        await using var server = TestServer.Start();
        await using var client = await server.JoinRawAsync("alice");
        var burst = server.Server.Options.MessageBurst;
        var lines = Enumerable.Range(0, burst).SelectMany(i => MessageSerializer.ToFrame(new SendText($"line {i}")));
        var pongs = Enumerable.Range(0, burst).SelectMany(i => MessageSerializer.ToFrame(new Pong(i)));

        await client.SendBytesAsync([.. lines, .. pongs]);

        for (var i = 0; i < burst; i++)
        {
            Assert.Equal($"line {i}", (await client.ReceiveAsync<TextPosted>()).Text);
        }

        // Still connected, and nothing refused: a goodbye ends the session cleanly, without an error.
        await client.SendAsync(new Goodbye("bye"));
        var (rest, reset) = await client.ReadToEndAsync();
        Assert.DoesNotContain(rest, message => message is ErrorMessage);
        Assert.False(reset);
    }

    private static async Task ConnectFromAsync(TestServer server, string name)
    {
        // ChatClient cannot choose its source address: join over a socket bound to 127.0.0.2.
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(s_otherAddress, 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port)).WithTimeout();
        await using var client = await ChatClient.JoinAsync(ChatConnection.FromSocket(socket), name).WithTimeout();
    }
}
