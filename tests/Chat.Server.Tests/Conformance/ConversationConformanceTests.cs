using Chat.Protocol;
using Chat.Protocol.Wire;
using Chat.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Conformance;

/// <summary>
/// docs/protocol.md sections 7 and 8 (the handshake, presence, keep-alive, ending, limits), over
/// real TCP against a real server. Each test names the rule it checks.
/// </summary>
public class ConversationConformanceTests
{
    [Fact]
    [Trait("ProtocolRule", "R7.1")]
    public async Task APingBeforeTheHelloIsAProtocolError()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        await client.SendAsync(new Ping(1));

        var error = await FramingAndEncodingConformanceTests.FatalErrorAsync(client);
        Assert.Equal((ErrorCode.ProtocolViolation, "The first message must be a Hello, not Ping."), (error.Code, error.Text));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.2")]
    [Trait("ProtocolRule", "R7.20")]
    public async Task APongAndAPingSentRightAfterTheHelloAreHandledAfterTheWelcome()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        await client.SendBytesAsync([
            .. MessageSerializer.ToFrame(new Hello(1, "alice", "raw", "1.0")),
            .. MessageSerializer.ToFrame(new Pong(5)),
            .. MessageSerializer.ToFrame(new Ping(77)),
        ]);

        Assert.IsType<Welcome>(await client.ReceiveAsync());
        Assert.Equal(77, (await client.ReceiveAsync<Pong>()).Token);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.3")]
    public async Task BeforeTheWelcomeTheServerNeverPingsAndSendsOnlyAFatalError()
    {
        // The idle timeout is far shorter than the handshake's: a session that pinged before the
        // welcome would do so long before the handshake timed out.
        await using var server = TestServer.Start(o => o with { HandshakeTimeout = TimeSpan.FromSeconds(1), IdleTimeout = TimeSpan.FromMilliseconds(100) });
        await using var client = await server.ConnectRawAsync();

        var (messages, _) = await client.ReadToEndAsync();

        var error = Assert.IsType<ErrorMessage>(Assert.Single(messages));
        Assert.Equal((ErrorCode.HandshakeTimeout, true), (error.Code, error.Fatal));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.3")]
    [Trait("ProtocolRule", "R7.31")]
    public async Task AShutdownBeforeTheHelloSendsOnlyServerShutdown()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();
        await using var alice = await server.ConnectAsync("alice"); // the first connection has been accepted by now

        var stopping = server.Server.StopAsync("Maintenance.");
        var (messages, _) = await client.ReadToEndAsync();
        await stopping.WithTimeout();

        Assert.Equal("Maintenance.", Assert.IsType<ServerShutdown>(Assert.Single(messages)).Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.4")]
    public async Task AfterRejectedTheServerCloses()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var client = await server.ConnectRawAsync();

        Assert.Equal(RejectReason.NameTaken, Assert.IsType<Rejected>(await client.HelloAsync("ALICE")).Reason);

        var (rest, _) = await client.ReadToEndAsync();
        Assert.Empty(rest);
    }

    [Theory]
    [Trait("ProtocolRule", "R7.6")]
    [Trait("ProtocolRule", "R7.8")]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(99)]
    [InlineData(int.MaxValue)]
    public async Task TheServerAnswersWithTheLowerOfTheClientsVersionAndItsOwn(int clientVersion)
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        var welcome = Assert.IsType<Welcome>(await client.HelloAsync("alice", clientVersion));

        Assert.Equal(Math.Min(clientVersion, ProtocolInfo.Version), welcome.ProtocolVersion);
        Assert.True(welcome.ProtocolVersion <= clientVersion);
    }

    [Theory]
    [Trait("ProtocolRule", "R7.7")]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public async Task AVersionBelowOneIsRejected(int clientVersion)
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        var rejected = Assert.IsType<Rejected>(await client.HelloAsync("alice", clientVersion));

        Assert.Equal(RejectReason.VersionUnsupported, rejected.Reason);
        Assert.Empty((await client.ReadToEndAsync()).Messages);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.9")]
    public async Task TheWelcomeListsEveryoneTheNewcomerIncluded()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var client = await server.ConnectRawAsync();

        var welcome = await client.JoinAsync("bob");

        Assert.Equal(["alice", "bob"], welcome.Users.Order(StringComparer.Ordinal));
        Assert.Equal(2, welcome.UserCount);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.10")]
    public async Task ManyJoiningWhileOthersJoinEachKeepAnExactListFromTheirWelcomeAndTheNotices()
    {
        const int Clients = 40;

        // A long interval, so that the joins land in a few batches, each joiner's welcome
        // listing part of a batch still pending.
        // Every client connects from 127.0.0.1: exempt from the limits per address.
        await using var server = TestServer.Start(o => o with { PresenceInterval = TimeSpan.FromMilliseconds(300), MaxPresenceBatch = 16, MessageRate = 0, Exempt = TestServer.Loopback });
        var clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async i =>
        {
            var client = await server.ConnectRawAsync();
            var welcome = await client.JoinAsync($"user{i:D2}");
            return (Client: client, Name: $"user{i:D2}", Known: new HashSet<string>(welcome.Users, UserNameRules.Comparer));
        }));

        try
        {
            // The last line flushes every pending notice before it: each list is complete when it arrives.
            await using var last = await server.JoinRawAsync("zed");
            await last.SendAsync(new SendText("everyone is here"));
            foreach (var (client, name, known) in clients)
            {
                Assert.Contains(name, known);
                while (await client.ReceiveAsync() is var message && message is not TextPosted { Text: "everyone is here" })
                {
                    switch (message)
                    {
                        case UsersJoined joined:
                            Assert.DoesNotContain(name, joined.UserNames);
                            Assert.All(joined.UserNames, user => Assert.True(known.Add(user), $"{name} was told again that {user} joined."));
                            break;
                        case UsersLeft left:
                            Assert.All(left.Departures, d => Assert.True(known.Remove(d.UserName), $"{name} was told that {d.UserName}, unknown to it, left."));
                            break;
                        case null:
                            Assert.Fail($"{name}'s connection closed.");
                            break;
                    }
                }

                Assert.Equal(Clients + 1, known.Count);
            }
        }
        finally
        {
            foreach (var (client, _, _) in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    [Trait("ProtocolRule", "R7.21")]
    [Trait("ProtocolRule", "R8.4")]
    public async Task TheWelcomeAnnouncesTheLimitsTheServerApplies()
    {
        await using var server = TestServer.Start(o => o with { MaxTextLength = 1234, MaxFrameLength = 40_000, MessageRate = 2.5, MessageBurst = 7, IdleTimeout = TimeSpan.FromSeconds(50) });
        await using var client = await server.ConnectRawAsync();

        var welcome = await client.JoinAsync("alice");

        Assert.Equal((1234, 40_000, 2.5, 7, 25_000), (welcome.MaxTextLength, welcome.MaxFrameLength, welcome.MessageRate, welcome.MessageBurst, welcome.PingIntervalMilliseconds));
    }

    [Fact]
    [Trait("ProtocolRule", "R8.4")]
    public async Task AServerWithoutARateLimitOrPingsAnnouncesNone()
    {
        await using var server = TestServer.Start(o => o with { MessageRate = 0, IdleTimeout = TimeSpan.Zero });
        await using var client = await server.ConnectRawAsync();

        var welcome = await client.JoinAsync("alice");

        Assert.Equal((0.0, 0, 0), (welcome.MessageRate, welcome.MessageBurst, welcome.PingIntervalMilliseconds));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.22")]
    public async Task APongThatAnswersNoPingIsIgnored()
    {
        await using var server = TestServer.Start();
        await using var client = await server.JoinRawAsync("alice");

        await client.SendAsync(new Pong(123_456));
        await client.SendAsync(new SendText("still here"));

        Assert.Equal("still here", (await client.ReceiveAsync<TextPosted>()).Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.3")]
    public async Task ARateLimitedClientGetsABurstThroughTheNextBurstRefusedAndIsDisconnectedAfterThat()
    {
        // The clock stands still, so the bucket never refills. Pings count like lines.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = TestServer.Start(o => o with { MessageRate = 1, MessageBurst = 3, TimeProvider = time, PresenceInterval = TimeSpan.Zero });
        await using var client = await server.ConnectRawAsync();
        var welcome = await client.JoinAsync("alice");
        Assert.Equal((1.0, 3), (welcome.MessageRate, welcome.MessageBurst));

        for (var i = 1; i <= 6; i++)
        {
            await client.SendAsync(i % 2 == 0 ? new Ping(i) : new SendText($"line {i}"));
        }

        var answers = new List<ChatMessage>();
        while (answers.Count < 6)
        {
            if (await client.ReceiveAsync() is { } message and not UsersJoined)
            {
                answers.Add(message);
            }
        }

        Assert.Equal(["line 1", "line 3"], answers.OfType<TextPosted>().Select(line => line.Text));
        Assert.Equal([2L], answers.OfType<Pong>().Select(pong => pong.Token));
        Assert.Equal(3, answers.OfType<ErrorMessage>().Count(e => e is { Code: ErrorCode.RateLimited, Fatal: false }));

        // A pong is free; once the bucket has refilled, lines go through again.
        await client.SendAsync(new Pong(1));
        time.Advance(TimeSpan.FromSeconds(10));
        await client.SendAsync(new SendText("after a pause"));
        Assert.Equal("after a pause", (await client.ReceiveAsync<TextPosted>()).Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.3")]
    public async Task TheMessageAfterTwoBurstsWithoutAPauseIsFatal()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = TestServer.Start(o => o with { MessageRate = 1, MessageBurst = 3, TimeProvider = time, PresenceInterval = TimeSpan.Zero });
        await using var client = await server.JoinRawAsync("alice");

        for (var i = 1; i <= 7; i++)
        {
            await client.SendAsync(new SendText($"line {i}"));
        }

        var (messages, _) = await client.ReadToEndAsync();

        Assert.Equal(["line 1", "line 2", "line 3"], messages.OfType<TextPosted>().Select(line => line.Text));
        var errors = messages.OfType<ErrorMessage>().ToList();
        Assert.Equal([false, false, false, true], errors.Select(e => e.Fatal));
        Assert.All(errors, e => Assert.Equal(ErrorCode.RateLimited, e.Code));
        Assert.Same(errors[^1], messages[^1]);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.3")]
    public async Task AClientThatWaitsForATokenAfterARefusalIsNeverDisconnected()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = TestServer.Start(o => o with { MessageRate = 2, MessageBurst = 1, TimeProvider = time, PresenceInterval = TimeSpan.Zero, IdleTimeout = TimeSpan.Zero });
        await using var client = await server.JoinRawAsync("alice");

        for (var round = 0; round < 20; round++)
        {
            await client.SendAsync(new SendText($"posted {round}"));
            await client.SendAsync(new SendText($"refused {round}"));
            Assert.Equal($"posted {round}", (await client.ReceiveAsync<TextPosted>()).Text);
            Assert.False((await client.ReceiveAsync<ErrorMessage>()).Fatal);
            time.Advance(TimeSpan.FromSeconds(1)); // two tokens back: the debt of one and the next line's
        }
    }
}
