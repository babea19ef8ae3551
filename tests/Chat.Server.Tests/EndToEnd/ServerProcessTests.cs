using System.Net;
using Chat.Protocol;
using Chat.Protocol.Wire;
using Chat.Shared;

namespace Chat.Server.Tests.EndToEnd;

/// <summary>The built server, run as people run it: <c>dotnet Chat.Server.dll ...</c>.</summary>
public class ServerProcessTests
{
    [Fact]
    public async Task HelpExitsZeroAndListsTheOptions()
    {
        await using var server = ProgramProcess.Start(ServerProcess.DefaultDll, "--help");

        Assert.Equal(0, await server.WaitForExitAsync());
        var help = string.Join('\n', server.OutputLines);
        foreach (var option in new[] { "--address", "--port", "--max-clients", "--log-level", "--idle-timeout", "--send-queue" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task VersionIsTheProductVersion()
    {
        await using var server = ProgramProcess.Start(ServerProcess.DefaultDll, "--version");

        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.StartsWith(ProductVersion.Text, Assert.Single(server.OutputLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--port", "70000")]
    [InlineData("--address", "nonsense")]
    public async Task ABadValueIsOneLineAndANonZeroExitWithoutAStackTrace(string option, string value)
    {
        await using var server = ProgramProcess.Start(ServerProcess.DefaultDll, option, value);

        Assert.NotEqual(0, await server.WaitForExitAsync());
        Assert.Empty(server.OutputLines);
        var line = Assert.Single(server.ErrorLines, l => l.Length > 0);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.Contains(value, line, StringComparison.Ordinal);
        Assert.DoesNotContain(server.ErrorLines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APortInUseIsOneLineAndANonZeroExit()
    {
        await using var taken = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = taken.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var server = ProgramProcess.Start(ServerProcess.DefaultDll, "--address", "127.0.0.1", "--port", port, "--history", "memory", "--console-socket", "none");

        Assert.NotEqual(0, await server.WaitForExitAsync());
        Assert.Empty(server.OutputLines);
        Assert.Equal([$"Cannot listen on 127.0.0.1:{port}: the port is already in use."], server.ErrorLines.Where(l => l.Length > 0));
    }

    [Fact]
    public async Task TheFirstLineSaysWhereTheServerListens()
    {
        await using var server = await ServerProcess.StartAsync();

        Assert.Equal($"ChatRoom server {ProductVersion.Text} listening on 127.0.0.1:{server.Port}", server.Process.OutputLines[0]);
    }

    [Fact]
    public async Task CloseOnStandardInputShutsDownEveryClientAndExitsZero()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var alice = await server.JoinAsync("alice");

        await server.CommandAsync("users");
        await server.Process.WaitForOutputAsync("1 user on the server: alice");
        await server.CommandAsync("close");

        Assert.IsType<ServerShutdown>((await alice.ReadToEndAsync()).Last());
        Assert.Equal(0, await server.Process.WaitForExitAsync());
    }

    [Fact]
    public async Task TheOperatorsRoomsExistFromTheStartAndTheConsoleListsThem()
    {
        await using var server = await ServerProcess.StartAsync("--default-room", "#main", "--room", "#ops", "--room", "#Dev");
        await using var alice = await server.JoinAsync("alice");

        await server.CommandAsync("rooms");
        await server.Process.WaitForOutputAsync("3 rooms:");
        await server.Process.WaitForOutputAsync("  #Dev (0 users, stays)");
        await server.Process.WaitForOutputAsync("  #main (1 user, stays)");
        await server.Process.WaitForOutputAsync("  #ops (0 users, stays)");
        await server.CommandAsync("users #main");
        await server.Process.WaitForOutputAsync("1 user in #main: alice");
    }

    [Fact]
    public async Task AnInvalidRoomNameRefusesToStart()
    {
        await using var server = ProgramProcess.Start(ServerProcess.DefaultDll, "--port", "0", "--room", "ops");

        Assert.Equal(1, await server.WaitForExitAsync());
        Assert.Equal(["--room \"ops\" is not a room name: A room name starts with '#', as in #ops. (see --help)"], server.ErrorLines.Where(l => l.Length > 0));
    }

    [Theory]
    [InlineData(15)] // SIGTERM
    [InlineData(2)] // SIGINT
    public async Task WithStandardInputAtItsEndTheServerRunsUntilASignalThenExitsZero(int signal)
    {
        await using var server = await ServerProcess.StartAsync();
        server.Process.CloseInput();
        await server.Process.WaitForErrorAsync("Standard input ended; the server keeps running");

        await using var alice = await server.JoinAsync("alice");
        await alice.SendAsync("still here").AsTask().WithTimeout();
        Assert.Equal("still here", (await alice.NextAsync<TextPosted>()).Text);

        server.Process.Signal(signal);

        Assert.IsType<ServerShutdown>((await alice.ReadToEndAsync()).Last());
        Assert.Equal(0, await server.Process.WaitForExitAsync());
    }
}
