using Chat.Client.Tui.Tests.Support;
using Chat.Protocol;

namespace Chat.Client.Tui.Tests.EndToEnd;

/// <summary>
/// Issue 15 with the real server (its history in SQLite in a temp folder) and the real client in
/// tmux: the server restarts while the client runs; the client reconnects by itself, shows each
/// line once, and PgUp loads the older lines the join did not show, to the beginning of the room.
/// </summary>
public sealed class HistoryEndToEndTests
{
    private static string ClientCommand(int port, string name) =>
        $"dotnet {Path.Combine(AppContext.BaseDirectory, "Chat.Client.Tui.dll")} --host 127.0.0.1 --port {port} --name {name}";

    private static string[] ServerOptions(string data) =>
        ["--history", "sqlite", "--data", data, "--history-on-join", "5", "--rate", "0"];

    private static int Count(string screen, string text)
    {
        var count = 0;
        for (var at = screen.IndexOf(text, StringComparison.Ordinal); at >= 0; at = screen.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task SayAsync(ServerProcess server, string name, IEnumerable<string> lines)
    {
        await using var bob = await server.JoinAsync(name);
        foreach (var line in lines)
        {
            await bob.SendAsync(line).AsTask().WithTimeout();
        }

        // Each line is stored before anyone is sent it: once bob sees his last, all are kept.
        await bob.NextAsync<TextPosted>(p => p.Text == lines.Last());
        await bob.LeaveAsync().WithTimeout();
    }

    [Fact]
    public async Task AfterAServerRestartTheClientCatchesUpOnceAndPgUpLoadsOlderLines()
    {
        var data = Directory.CreateTempSubdirectory("chat-history-e2e-").FullName;
        try
        {
            var id = Guid.NewGuid().ToString("N")[..6];
            string alice = $"alice{id}", bob = $"bob{id}";
            using var tmux = new Tmux();
            var server = await ServerProcess.StartAsync(ServerOptions(data));
            var port = server.Port;
            string screen;
            try
            {
                await SayAsync(server, bob, Enumerable.Range(1, 30).Select(i => $"before restart {i:00}"));
                tmux.Start(alice, ClientCommand(port, alice), width: 100, height: 30);
                await tmux.WaitForTextAsync(alice, $"as {alice}.", TestTimeout.Value);
                screen = await tmux.WaitForTextAsync(alice, "before restart 30", TestTimeout.Value);
                Assert.DoesNotContain("before restart 25", screen, StringComparison.Ordinal);

                await server.CommandAsync("close");
                Assert.Equal(0, await server.Process.WaitForExitAsync());
                await tmux.WaitForTextAsync(alice, "reconnecting in", TestTimeout.Value);
            }
            finally
            {
                await server.DisposeAsync();
            }

            // The same data folder, the same port: the history and its ids go on.
            await using var again = await ServerProcess.StartAsync(ServerProcess.DefaultDll, port, ServerOptions(data));
            await SayAsync(again, bob, ["said after the restart"]);
            tmux.Press(alice, "C-r");
            screen = await tmux.WaitForTextAsync(alice, "said after the restart", TestTimeout.Value);
            screen = await tmux.WaitForTextAsync(alice, "Reconnected to", TestTimeout.Value);
            Assert.Equal(1, Count(screen, "said after the restart"));
            Assert.Equal(1, Count(screen, "before restart 30"));
            Assert.DoesNotContain("lines missing here", screen, StringComparison.Ordinal);

            // PgUp past the oldest line: the 25 lines the join did not show come above, the view stays
            // where it was (so nothing on screen changes until the next PgUp), and at the top is the beginning.
            for (var press = 0; press < 10; press++)
            {
                tmux.Press(alice, "PPage");
                try
                {
                    await tmux.WaitForTextAsync(alice, "── beginning of", TimeSpan.FromSeconds(2));
                    break;
                }
                catch (TimeoutException)
                {
                    // The lines are on their way, or above the view: PgUp again.
                }
            }

            screen = await tmux.WaitForTextAsync(alice, "── beginning of", TestTimeout.Value);
            Assert.Contains("before restart 01", screen, StringComparison.Ordinal);
            Assert.Equal(1, Count(screen, "before restart 01"));

            tmux.Press(alice, "C-q");
            Assert.Equal(0, await tmux.WaitForExitAsync(alice, TestTimeout.Value));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
