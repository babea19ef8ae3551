using System.Net;
using Chat.Protocol;
using Chat.Protocol.Wire;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.EndToEnd;

/// <summary>The built server, run as people run it: <c>dotnet Chat.Server.dll ...</c>.</summary>
public class ServerProcessTests
{
    [Fact]
    public async Task HelpExitsZeroAndListsTheOptions()
    {
        await using var server = ServerProcess.Start("--help");

        var (exitCode, output, _) = await server.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        var help = string.Join('\n', output);
        foreach (var option in new[] { "--address", "--port", "--max-clients", "--log-level", "--idle-timeout", "--send-queue" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task VersionIsTheProductVersion()
    {
        await using var server = ServerProcess.Start("--version");

        var (exitCode, output, _) = await server.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        Assert.StartsWith(ServerVersion.Text, Assert.Single(output), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--port", "70000")]
    [InlineData("--address", "nonsense")]
    public async Task ABadValueIsOneLineAndANonZeroExitWithoutAStackTrace(string option, string value)
    {
        await using var server = ServerProcess.Start(option, value);

        var (exitCode, output, error) = await server.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(error, l => l.Length > 0);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.Contains(value, line, StringComparison.Ordinal);
        Assert.DoesNotContain(error, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APortInUseIsOneLineAndANonZeroExit()
    {
        await using var taken = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = taken.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var server = ServerProcess.Start("--address", "127.0.0.1", "--port", port);

        var (exitCode, output, error) = await server.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output);
        Assert.Equal([$"Cannot listen on 127.0.0.1:{port}: the port is already in use."], error.Where(l => l.Length > 0));
    }

    [Fact]
    public async Task CloseOnStandardInputShutsDownEveryClientAndExitsZero()
    {
        await using var server = ServerProcess.Start("--address", "127.0.0.1", "--port", "0");
        var port = await server.WaitForListeningAsync();
        await using var alice = await ChatClient.ConnectAsync("127.0.0.1", port, "alice").WaitAsync(TestServer.Timeout);

        await server.Input.WriteLineAsync("users");
        await server.Input.FlushAsync();
        await server.WaitForOutputAsync("1 user in the room: alice");
        await server.Input.WriteLineAsync("close");
        await server.Input.FlushAsync();

        Assert.IsType<ServerShutdown>((await alice.ReadToEndAsync()).Last());
        var (exitCode, _, _) = await server.WaitForExitAsync();
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [InlineData(15)] // SIGTERM
    [InlineData(2)] // SIGINT
    public async Task WithStandardInputAtItsEndTheServerRunsUntilASignalThenExitsZero(int signal)
    {
        await using var server = ServerProcess.Start("--address", "127.0.0.1", "--port", "0");
        var port = await server.WaitForListeningAsync();
        server.Input.Close();
        await server.WaitForErrorAsync("Standard input ended; the server keeps running");

        await using var alice = await ChatClient.ConnectAsync("127.0.0.1", port, "alice").WaitAsync(TestServer.Timeout);
        await alice.SendAsync("still here").AsTask().WaitAsync(TestServer.Timeout);
        Assert.Equal("still here", (await alice.NextAsync<TextPosted>()).Text);

        server.Signal(signal);

        Assert.IsType<ServerShutdown>((await alice.ReadToEndAsync()).Last());
        var (exitCode, _, _) = await server.WaitForExitAsync();
        Assert.Equal(0, exitCode);
    }
}
