using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Chat.Protocol;
using Chat.Server.Tests.Support;
using Chat.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Operator;

/// <summary>The console's <c>users</c>: who, from where, in which rooms, how idle, with what client, over TLS or not.</summary>
public class OperatorConsoleUsersTests
{
    [Fact]
    public async Task UsersShowsEachUsersAddressRoomsTimesClientAndTransport()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await using var bob = await server.JoinRawAsync("bob");
        var output = new StringWriter();
        var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);

        await console.ExecuteAsync("users").WithTimeout();
        await console.ExecuteAsync("users #dev").WithTimeout();

        var lines = Lines(output);
        Assert.Equal(7, lines.Length);
        Assert.Equal("2 users on the server: alice, bob", lines[0]);
        Assert.Matches(@"^NAME +ADDRESS +ROOMS +IDLE +CONNECTED +CLIENT +TRANSPORT$", lines[1]);
        Assert.Matches(Row("alice", alice.LocalEndPoint, "#dev,#lobby", "RawClient 1.0", "plaintext"), lines[2]);
        Assert.Matches(Row("bob", bob.LocalEndPoint, "#lobby", "RawClient 1.0", "plaintext"), lines[3]);
        Assert.Equal("1 user in #dev: alice", lines[4]);
        Assert.Equal(lines[1], lines[5]);
        Assert.Matches(Row("alice", alice.LocalEndPoint, "#dev,#lobby", "RawClient 1.0", "plaintext"), lines[6]);
        Assert.False(console.Failed);

        // The columns line up: every cell starts where its title does.
        var at = lines[1].IndexOf("ADDRESS", StringComparison.Ordinal);
        Assert.Equal(["127.0.0.1", "127.0.0.1"], lines[2..4].Select(line => line.Substring(at, 9)));
    }

    [Fact]
    public async Task AUserOverTlsShowsTheTlsVersionAndItsClientSoftware()
    {
        using var tls = new TlsFolder();
        await using var server = TestServer.Start(o => o with { Tls = tls.Files });
        await using var carol = await server.ConnectAsync("carol", tls.PinnedClient);
        var output = new StringWriter();

        await new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor).ExecuteAsync("users").WithTimeout();

        var row = Lines(output)[2];
        Assert.Matches($@"^carol +127\.0\.0\.1:\d+ +#lobby +\d+s +\d+s +Chat\.Protocol {Regex.Escape(ProductVersion.Text)} +TLS 1\.[23]$", row);
    }

    [Fact]
    public async Task IdleCountsFromTheLastThingTheUserSentButAPing()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        await using var server = TestServer.Start(o => o with { TimeProvider = time, IdleTimeout = TimeSpan.Zero, MessageRate = 0 });
        await using var alice = await server.JoinRawAsync("alice");
        var output = new StringWriter();
        var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);

        time.Advance(TimeSpan.FromSeconds(95));
        var quiet = Info(server, "alice");
        await alice.SendAsync(new Ping(7));
        await alice.ReceiveAsync<Pong>();
        var pinged = Info(server, "alice");
        time.Advance(TimeSpan.FromMinutes(61));
        await alice.SendAsync(new SendText("back"));
        await alice.ReceiveAsync<TextPosted>();
        var spoke = Info(server, "alice");

        Assert.Equal((TimeSpan.FromSeconds(95), TimeSpan.FromSeconds(95)), (quiet.IdleFor, quiet.ConnectedFor));
        Assert.Equal(TimeSpan.FromSeconds(95), pinged.IdleFor);
        Assert.Equal((TimeSpan.Zero, TimeSpan.FromSeconds(95 + 3660)), (spoke.IdleFor, spoke.ConnectedFor));
        Assert.Equal(["1m35s", "1h02m", "0s", "59s", "2d03h"], new[] { quiet.IdleFor, spoke.ConnectedFor, spoke.IdleFor, TimeSpan.FromSeconds(59.9), TimeSpan.FromHours(51) }.Select(Duration.Short));
        Assert.Equal(IPAddress.Loopback, spoke.Address!.Address);
        await console.ExecuteAsync("users").WithTimeout();
        Assert.Matches(@"^alice +127\.0\.0\.1:\d+ +#lobby +0s +1h02m +RawClient 1\.0 +plaintext$", Lines(output)[2]);
    }

    [Fact]
    public async Task UsersOfARoomThatDoesNotExistFails()
    {
        await using var server = TestServer.Start();
        var output = new StringWriter();
        var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);

        await console.ExecuteAsync("users #nowhere").WithTimeout();
        Assert.True(console.Failed);
        await console.ExecuteAsync("users").WithTimeout();
        Assert.False(console.Failed);

        Assert.Equal(["There is no room called #nowhere.", "Nobody is on the server."], Lines(output));
    }

    private static SessionInfo Info(TestServer server, string name) =>
        Assert.IsType<ClientSession>(server.Server.Users.Find(name)).Info();

    private static string Row(string name, EndPoint? local, string rooms, string client, string transport) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $@"^{name} +127\.0\.0\.1:{((IPEndPoint)local!).Port} +{Regex.Escape(rooms)} +\d+s +\d+s +{Regex.Escape(client)} +{transport}$");

    private static string[] Lines(StringWriter output) => output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
