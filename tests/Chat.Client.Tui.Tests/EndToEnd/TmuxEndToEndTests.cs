using Chat.Client.Tui.Tests.Support;

namespace Chat.Client.Tui.Tests.EndToEnd;

/// <summary>
/// The real server and two real clients, each client in its own tmux pseudo-terminal: names and
/// lines are typed with send-keys and both screens are read with capture-pane.
/// </summary>
public sealed class TmuxEndToEndTests
{
    private static string ClientCommand(int port, string extra = "") =>
        $"dotnet {Path.Combine(AppContext.BaseDirectory, "Chat.Client.Tui.dll")} --host 127.0.0.1 --port {port} {extra}";

    [Fact]
    public async Task TwoPeopleChatThenOneLeavesAndTheServerCloses()
    {
        await using var server = await ServerProcess.StartAsync();
        using var tmux = new Tmux();
        var id = Guid.NewGuid().ToString("N")[..8];
        var alice = $"alice-{id}";
        var bob = $"bob-{id}";

        // Alice gets the login dialog and types her name; Bob gives his on the command line.
        tmux.Start(alice, ClientCommand(server.Port));
        await tmux.WaitForTextAsync(alice, "Join the chat on 127.0.0.1:", TestTimeout.Value);
        tmux.Type(alice, "alice");
        tmux.Press(alice, "Enter");
        await tmux.WaitForTextAsync(alice, "as alice.", TestTimeout.Value);

        tmux.Start(bob, ClientCommand(server.Port, "--name bob"));
        await tmux.WaitForTextAsync(bob, "as bob.", TestTimeout.Value);
        await tmux.WaitForTextAsync(alice, "--> bob joined", TestTimeout.Value);

        // Each sees the other's line.
        tmux.Type(alice, "hello from alice");
        tmux.Press(alice, "Enter");
        tmux.Type(bob, "hi alice, bob here");
        tmux.Press(bob, "Enter");
        await tmux.WaitForTextAsync(bob, "<alice> hello from alice", TestTimeout.Value);
        await tmux.WaitForTextAsync(alice, "<bob> hi alice, bob here", TestTimeout.Value);
        await tmux.WaitForTextAsync(alice, "<alice> hello from alice", TestTimeout.Value);

        // "exit" closes Bob's client with code 0, and Alice sees him leave.
        tmux.Type(bob, " EXIT ");
        tmux.Press(bob, "Enter");
        Assert.Equal(0, await tmux.WaitForExitAsync(bob, TestTimeout.Value));
        await tmux.WaitForTextAsync(alice, "<-- bob left", TestTimeout.Value);

        // The operator closes the server: Alice is told, and her client waits to reconnect rather than crashing.
        await server.CommandAsync("close");
        await tmux.WaitForTextAsync(alice, "server is shutting down", TestTimeout.Value);
        await tmux.WaitForTextAsync(alice, "reconnecting in", TestTimeout.Value);
        Assert.Equal(0, await server.Process.WaitForExitAsync());
        Assert.True(tmux.IsRunning(alice));

        // Ctrl+Q still quits cleanly, and the terminal is given back.
        tmux.Press(alice, "C-q");
        Assert.Equal(0, await tmux.WaitForExitAsync(alice, TestTimeout.Value));
    }

    [Fact]
    public async Task ClientWithoutServerSaysSoAndOffersRetryAndQuit()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var tmux = new Tmux();
        var session = $"nobody-{Guid.NewGuid():N}"[..16];
        tmux.Start(session, ClientCommand(port, "--name carol"));
        var screen = await tmux.WaitForTextAsync(session, $"No chat server is listening on 127.0.0.1:{port}.", TestTimeout.Value);
        Assert.Contains("Retry", screen);
        Assert.Contains("Quit", screen);
        tmux.Press(session, "C-q");
        Assert.Equal(0, await tmux.WaitForExitAsync(session, TestTimeout.Value));
    }

    [Fact]
    public async Task WithoutATerminalTheClientExitsWithAMessageInsteadOfHanging()
    {
        var start = new System.Diagnostics.ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "Chat.Client.Tui.dll"), "--name", "dave" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("DisableRealDriverIO");
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WithTimeout();
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("needs a terminal", await error.WithTimeout());
    }
}
