using Chat.Shared;

namespace Chat.Server.Tests.Hosting;

/// <summary>The built server, started as systemd starts a <c>Type=notify</c> service.</summary>
public class SystemdNotifyTests
{
    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("close")]
    public async Task TheServerSaysReadyOnceItListensAndStoppingWhenItShutsDown(string stop)
    {
        using var socket = NotifySocket.InTempFolder();
        await using var server = ProgramProcess.Start(
            ServerProcess.DefaultDll,
            new Dictionary<string, string?> { [SystemdNotifier.SocketVariable] = socket.Name },
            "--address", "127.0.0.1", "--port", "0", "--history", "memory", "--console-socket", "none");

        var ready = (await socket.ReceiveAsync()).Split('\n');

        // Ready comes after the port is bound: the listening line is already out, with the same port.
        var port = 0;
        Assert.Contains(server.OutputLines, line => ListeningLine.TryParse(line, out _, out port));
        Assert.Equal("READY=1", ready[0]);
        Assert.Contains($"STATUS=Listening on 127.0.0.1:{port}", ready);

        if (stop == "close")
        {
            await server.WriteLinesAsync("close");
        }
        else
        {
            server.Signal(15);
        }

        Assert.Equal("STOPPING=1", (await socket.ReceiveAsync()).Split('\n')[0]);
        var exitCode = await server.WaitForExitAsync();
        Assert.True(exitCode == 0, $"exit code {exitCode}{Environment.NewLine}{server.Transcript}");
    }

    [Fact]
    public async Task ANotifySocketNobodyListensOnDoesNotStopTheServer()
    {
        var missing = Path.Combine(Path.GetTempPath(), "chat-notify-tests", Guid.NewGuid().ToString("N"), "notify");
        await using var server = ProgramProcess.Start(
            ServerProcess.DefaultDll,
            new Dictionary<string, string?> { [SystemdNotifier.SocketVariable] = missing },
            "--address", "127.0.0.1", "--port", "0", "--history", "memory", "--console-socket", "none");

        await server.WaitForErrorAsync("Could not tell the service manager READY=1");
        await server.WriteLinesAsync("close");

        Assert.Equal(0, await server.WaitForExitAsync());
    }
}
