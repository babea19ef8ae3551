using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Chat.Protocol;
using Chat.Samples.Tests.Support;

namespace Chat.Samples.Tests;

/// <summary>samples/LineClient as a process, its standard streams as pipes, against the real server as a process.</summary>
public sealed class LineClientTests
{
    [Fact]
    public async Task PipedLinesReachTheRoomAndComeBackOnStandardOutput()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bob = await server.JoinAsync("bob");

        // As `printf 'hi\n...' | LineClient --name alice`: all the input at once, then its end.
        await using var alice = StartLineClient(server, "--name", "alice");
        await alice.WriteLinesAsync("hi", "/me waves", "/msg bob psst", "", "//slash", "bye");
        alice.CloseInput();

        Assert.Equal(0, await alice.WaitForExitAsync());
        var output = alice.OutputLines;
        Assert.StartsWith("*** Joined ChatRoom as alice; in the room: ", output[0], StringComparison.Ordinal);
        Assert.Equal(["<alice> hi", "* alice waves", "[private alice -> bob] <alice> psst", "<alice> /slash", "<alice> bye"], output.Skip(1));

        Assert.Equal(("hi", TextKind.Plain), Said(await bob.NextAsync<TextPosted>()));
        Assert.Equal(("waves", TextKind.Action), Said(await bob.NextAsync<TextPosted>()));
        Assert.Equal(("alice", "psst"), Whispered(await bob.NextAsync<PrivateMessage>()));
        Assert.Equal(("/slash", TextKind.Plain), Said(await bob.NextAsync<TextPosted>()));
        Assert.Equal(("bye", TextKind.Plain), Said(await bob.NextAsync<TextPosted>()));
        var left = await bob.NextAsync<UsersLeft>();
        Assert.Equal(("alice", LeaveReason.Quit), (left.Departures[0].UserName, left.Departures[0].Reason));
    }

    [Fact]
    public async Task PrintsWhatHappensInTheRoomAsPlainText()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var alice = StartLineClient(server, "--name", "alice");
        await alice.WaitForOutputAsync("*** Joined ChatRoom as alice; in the room: alice.");

        var bob = await server.JoinAsync("bob");
        await using (bob)
        {
            await alice.WaitForOutputAsync(line => line == "--> bob joined", "bob joining");
            await bob.SendAsync("hello alice").WithTimeout();
            await bob.SendActionAsync("waves").WithTimeout();
            await bob.SendPrivateAsync("alice", "psst").WithTimeout();
            await alice.WaitForOutputAsync("psst");
            await server.CommandAsync("say maintenance at noon"); // From another source: wait for it before going on.
            await alice.WaitForOutputAsync("maintenance");
            await bob.LeaveAsync("bye").WithTimeout();
        }

        await alice.WaitForOutputAsync(line => line == "<-- bob left (quit: bye)", "bob leaving");
        alice.CloseInput();
        Assert.Equal(0, await alice.WaitForExitAsync());
        Assert.Equal(
            [
                "*** Joined ChatRoom as alice; in the room: alice.",
                "--> bob joined",
                "<bob> hello alice",
                "* bob waves",
                "[private bob -> alice] <bob> psst",
                "-!- maintenance at noon",
                "<-- bob left (quit: bye)",
            ],
            alice.OutputLines);
    }

    [Fact]
    public async Task PrintsEveryEventAsAJsonObjectWithItsType()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var alice = StartLineClient(server, "--name", "alice", "--json");
        await alice.WaitForOutputAsync("\"type\":\"welcome\"");

        var bob = await server.JoinAsync("bob");
        await using (bob)
        {
            await alice.WaitForOutputAsync("\"type\":\"usersJoined\"");
            await bob.SendAsync("hello \"alice\" <3 é").WithTimeout();
            await bob.SendPrivateAsync("alice", "psst").WithTimeout();
            await bob.LeaveAsync("bye").WithTimeout();
        }

        await alice.WaitForOutputAsync("\"type\":\"usersLeft\"");
        await alice.WriteLinesAsync("/msg nobody hello?");
        alice.CloseInput();
        Assert.Equal(0, await alice.WaitForExitAsync());

        var events = alice.OutputLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(
            ["welcome", "usersJoined", "textPosted", "privateMessage", "usersLeft", "errorMessage"],
            events.Select(e => e.GetProperty("type").GetString()));

        var welcome = events[0];
        Assert.Equal("alice", welcome.GetProperty("userName").GetString());
        Assert.Equal("ChatRoom", welcome.GetProperty("serverName").GetString());
        Assert.Equal(["alice"], welcome.GetProperty("users").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(ProtocolInfo.Version, welcome.GetProperty("protocolVersion").GetInt32());
        Assert.True(welcome.GetProperty("maxTextLength").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Array, welcome.GetProperty("recent").ValueKind);

        // The server may batch joins, and a batch may repeat names the client knows already (its own).
        Assert.Equal("bob", events[1].GetProperty("userNames").EnumerateArray().Select(u => u.GetString()).Last());

        var posted = events[2];
        Assert.Equal("bob", posted.GetProperty("author").GetString());
        Assert.Equal("hello \"alice\" <3 é", posted.GetProperty("text").GetString());
        Assert.Equal("plain", posted.GetProperty("kind").GetString());
        Assert.True(posted.GetProperty("id").GetInt64() > 0);
        var timestamp = DateTime.Parse(posted.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.Equal(DateTimeKind.Utc, timestamp.Kind);

        var whisper = events[3];
        Assert.Equal(("bob", "alice", "psst"), (whisper.GetProperty("from").GetString(), whisper.GetProperty("to").GetString(), whisper.GetProperty("text").GetString()));

        var departure = events[4].GetProperty("departures")[0];
        Assert.Equal(("bob", "quit", "bye"), (departure.GetProperty("userName").GetString(), departure.GetProperty("reason").GetString(), departure.GetProperty("text").GetString()));

        var error = events[5];
        Assert.Equal("unknownUser", error.GetProperty("code").GetString());
        Assert.False(error.GetProperty("fatal").GetBoolean());
        Assert.Contains("nobody", error.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LingersAfterItsInputEndsToPrintTheAnswers()
    {
        // A script asking the echo bot something: the bot's answer comes after the client's own
        // line, so the client stays (--linger) to print it.
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bot = ProgramProcess.Start(BuiltPrograms.EchoBot, "--port", server.Port.ToString(CultureInfo.InvariantCulture));
        await bot.WaitForErrorAsync("Joined");
        await using var alice = StartLineClient(server, "--name", "alice", "--linger", "600");

        await alice.WriteLinesAsync("!echo ping");
        alice.CloseInput();

        await alice.WaitForOutputAsync(line => line == "<echo-bot> ping", "the bot's answer");
        Assert.False(alice.HasExited); // Still lingering: Ctrl+C or SIGTERM cuts it short.
        alice.Signal(15);
        Assert.Equal(0, await alice.WaitForExitAsync());
        Assert.Equal(["<alice> !echo ping", "<echo-bot> ping"], alice.OutputLines.Skip(1));
    }

    [Fact]
    public async Task ExitsWith3WhenNothingListensOnThePort()
    {
        // A socket bound but not listening: connections to its port are refused, and no other
        // program can start listening there while the test holds it.
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)bound.LocalEndPoint!).Port;

        await using var client = ProgramProcess.Start(BuiltPrograms.LineClient, "--port", port.ToString(CultureInfo.InvariantCulture), "--name", "alice");

        Assert.Equal(3, await client.WaitForExitAsync());
        await client.WaitForErrorAsync($"No chat server is listening on 127.0.0.1:{port}.");
    }

    [Fact]
    public async Task ExitsWith3WhenTheHostDoesNotExist()
    {
        // The reserved .invalid domain never resolves, so nothing is contacted.
        await using var client = ProgramProcess.Start(BuiltPrograms.LineClient, "--host", "no-such-server.invalid", "--name", "alice");

        Assert.Equal(3, await client.WaitForExitAsync());
        await client.WaitForErrorAsync("The host \"no-such-server.invalid\" could not be found.");
    }

    [Fact]
    public async Task ExitsWith4WhenTheNameIsReserved()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var client = StartLineClient(server, "--name", "Server");

        Assert.Equal(4, await client.WaitForExitAsync());
        await client.WaitForErrorAsync("reserved");
    }

    [Fact]
    public async Task ExitsWith4WhenTheNameIsTaken()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bob = await server.JoinAsync("bob");
        await using var client = StartLineClient(server, "--name", "BOB");

        Assert.Equal(4, await client.WaitForExitAsync());
        await client.WaitForErrorAsync("taken");
    }

    [Fact]
    public async Task ExitsWith5WhenTheConnectionIsLost()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var client = StartLineClient(server, "--name", "alice");
        await client.WaitForOutputAsync("*** Joined");

        await server.Process.KillAsync();

        Assert.Equal(5, await client.WaitForExitAsync());
        await client.WaitForErrorAsync("LineClient: "); // The reason, in words.
    }

    [Fact]
    public async Task ExitsWith6WhenTheServerShutsDown()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var client = StartLineClient(server, "--name", "alice");
        await client.WaitForOutputAsync("*** Joined");

        await server.CommandAsync("close");

        Assert.Equal(6, await client.WaitForExitAsync());
        Assert.Equal("*** The server is shutting down: The server is shutting down.", client.OutputLines[^1]);
    }

    [Fact]
    public async Task ExitsWith6WhenTheOperatorKicksItOut()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var client = StartLineClient(server, "--name", "alice");
        await client.WaitForOutputAsync("*** Joined");

        await server.CommandAsync("kick alice too chatty");

        Assert.Equal(6, await client.WaitForExitAsync());
        Assert.Equal("!!! You were removed from the server by the operator: too chatty", client.OutputLines[^1]);
    }

    [Theory]
    [InlineData(2)] // SIGINT: Ctrl+C
    [InlineData(15)] // SIGTERM
    public async Task LeavesTheRoomAndExitsWith0WhenStopped(int signal)
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bob = await server.JoinAsync("bob");
        await using var client = StartLineClient(server, "--name", "alice");
        await bob.WaitForUserAsync("alice");

        client.Signal(signal);

        var left = await bob.NextAsync<UsersLeft>();
        Assert.Equal(("alice", LeaveReason.Quit), (left.Departures[0].UserName, left.Departures[0].Reason));
        Assert.Equal(0, await client.WaitForExitAsync());
    }

    [Theory]
    [InlineData("--host", "127.0.0.1")]
    [InlineData("--name", "alice", "--port", "http")]
    [InlineData("--name", "alice", "--wait", "-1")]
    [InlineData("--name", "alice", "--verbose")]
    [InlineData("--name")]
    public async Task ExitsWith2OnABadCommandLine(params string[] args)
    {
        await using var client = ProgramProcess.Start(BuiltPrograms.LineClient, args);

        Assert.Equal(2, await client.WaitForExitAsync());
        await client.WaitForErrorAsync("Usage: LineClient");
    }

    [Fact]
    public async Task HelpListsTheExitCodes()
    {
        await using var client = ProgramProcess.Start(BuiltPrograms.LineClient, "--help");

        Assert.Equal(0, await client.WaitForExitAsync());
        var help = string.Join('\n', client.OutputLines);
        Assert.Contains("Exit codes:", help, StringComparison.Ordinal);
        foreach (var code in Enumerable.Range(0, 7))
        {
            Assert.Contains($"\n  {code}  ", help, StringComparison.Ordinal);
        }
    }

    private static ProgramProcess StartLineClient(ServerProcess server, params string[] args) =>
        ProgramProcess.Start(BuiltPrograms.LineClient, ["--port", server.Port.ToString(CultureInfo.InvariantCulture), .. args]);

    private static (string Text, TextKind Kind) Said(TextPosted posted)
    {
        Assert.Equal("alice", posted.Author);
        return (posted.Text, posted.Kind);
    }

    private static (string From, string Text) Whispered(PrivateMessage message) => (message.From, message.Text);
}
