using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Integration;

public class ShutdownTests
{
    [Fact]
    [Trait("ProtocolRule", "R7.31")]
    public async Task CloseReachesEveryClientAsShutdownAndEachEndsCleanly()
    {
        // 21 connections from 127.0.0.1: more than one address may have users in the room.
        await using var server = TestServer.Start(o => o with { Exempt = TestServer.Loopback });
        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => server.ConnectAsync($"user{n}")));
        await using var handshaking = await server.ConnectRawAsync();
        var output = new StringWriter();
        var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);
        try
        {
            Assert.True(await console.ExecuteAsync("close Back in five minutes.").WithTimeout());

            foreach (var client in clients)
            {
                var messages = await client.ReadToEndAsync();
                Assert.Equal(new ServerShutdown("Back in five minutes."), messages.Last());
                Assert.True(client.Completion.IsCompletedSuccessfully);
            }

            var (atHandshaking, _) = await handshaking.ReadToEndAsync();
            Assert.Equal(new ServerShutdown("Back in five minutes."), Assert.Single(atHandshaking));
            Assert.True(server.Server.Completion.IsCompleted);
            Assert.Equal(0, server.Server.ConnectionCount);
            Assert.Contains("Closed.", output.ToString(), StringComparison.Ordinal);
            await Assert.ThrowsAnyAsync<ChatException>(() => server.ConnectAsync("latecomer"));
        }
        finally
        {
            await Task.WhenAll(clients.Select(client => client.DisposeAsync().AsTask())).WithTimeout();
        }
    }

    [Fact]
    public async Task ShutdownDoesNotWaitForAClientThatDoesNotRead()
    {
        // Queues deep enough that nobody is dropped as a slow consumer: the stuck client stays stuck.
        await using var server = TestServer.Start(o => o with
        {
            CloseTimeout = TimeSpan.FromMilliseconds(200),
            ShutdownTimeout = TimeSpan.FromSeconds(1),
            MessageRate = 0,
            SendQueueBytes = 64 * 1024 * 1024,
        });
        await using var stuck = await server.ConnectRawAsync(receiveBufferSize: 4096);
        await stuck.JoinAsync("stuck");
        await using var alice = await server.ConnectAsync("alice");
        // More than the kernel buffers hold, so the stuck client's writer cannot finish.
        const int Lines = 2000;
        var text = new string('x', 4000);
        var echoes = Task.Run(() => alice.LinesAsync(Lines));
        for (var i = 0; i < Lines; i++)
        {
            await alice.SendAsync(text).AsTask().WithTimeout();
        }

        await echoes.WithTimeout();

        await server.Server.StopAsync().WithTimeout();

        Assert.Equal(new ServerShutdown(ChatServer.DefaultShutdownText), (await alice.ReadToEndAsync()).Last());
        Assert.Equal(0, server.Server.ConnectionCount);
    }

    [Fact]
    public async Task TheOperatorCanListKickAndSpeak()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var bob = await server.ConnectAsync("bob");
        var output = new StringWriter();
        var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);

        await console.ExecuteAsync("users");
        Assert.Contains("2 users on the server: alice, bob", output.ToString(), StringComparison.Ordinal);

        await console.ExecuteAsync("say Maintenance at noon.");
        Assert.Equal("Maintenance at noon.", (await alice.NextAsync<ServerNotice>()).Text);
        Assert.Equal("Maintenance at noon.", (await bob.NextAsync<ServerNotice>()).Text);

        await console.ExecuteAsync("kick BOB spamming");
        Assert.Contains("Kicked bob.", output.ToString(), StringComparison.Ordinal);
        var atBob = await bob.ReadToEndAsync();
        var kicked = Assert.IsType<ErrorMessage>(atBob.Last());
        Assert.Equal((ErrorCode.Kicked, true), (kicked.Code, kicked.Fatal));
        Assert.Contains("spamming", kicked.Text, StringComparison.Ordinal);
        Assert.Equal(new Departure("bob", LeaveReason.Kicked) { Text = "spamming" }, await alice.DepartureOfAsync("bob"));

        await console.ExecuteAsync("kick nobody");
        Assert.Contains("Nobody called \"nobody\" is on the server.", output.ToString(), StringComparison.Ordinal);

        await console.ExecuteAsync("dance");
        Assert.Contains("Unknown command \"dance\". Type help to see the commands.", output.ToString(), StringComparison.Ordinal);

        await console.ExecuteAsync("help");
        Assert.Contains("kick <name> [reason]", output.ToString(), StringComparison.Ordinal);
    }
}
