using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using Chat.Protocol;
using Chat.Server.Tests.Hosting;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Operator;

/// <summary>
/// The built server as a service runs it, standard input at its end, managed entirely through
/// <c>Chat.Server console</c> (issue 16, "done when"; the ban that survives a restart is the
/// moderation's part).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ConsoleEndToEndTests : IDisposable
{
    private readonly ConsoleFolder _folder = new();

    [Fact]
    public async Task AServerWithoutATerminalIsInspectedAndManagedThroughTheConsole()
    {
        await using var server = await ServerProcess.StartAsync("--data", _folder.Path);
        server.Process.CloseInput(); // as under systemd or nohup: standard input is at its end
        await server.Process.WaitForErrorAsync("Standard input ended");
        await using var alice = await RawClient.ConnectAsync(server.Port);
        await alice.JoinAsync("alice");
        var port = ((IPEndPoint)alice.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);

        var users = await ConsoleAsync("users");
        Assert.True(users.ExitCode == 0, users.Transcript);
        Assert.Equal("1 user on the server: alice", users.Output[0]);
        Assert.StartsWith($"alice  127.0.0.1:{port}  #lobby  ", users.Output[2], StringComparison.Ordinal);
        Assert.EndsWith("  RawClient 1.0  plaintext", users.Output[2], StringComparison.Ordinal);

        var kick = await ConsoleAsync("kick", "alice", "flooding");
        Assert.Equal(0, kick.ExitCode);
        Assert.Equal(["Kicked alice."], kick.Output);
        var kicked = Assert.IsType<ErrorMessage>((await alice.ReadToEndAsync()).Messages.Last());
        Assert.Equal(ErrorCode.Kicked, kicked.Code);
        Assert.Equal(["Nobody is on the server."], (await ConsoleAsync("users")).Output);

        var close = await ConsoleAsync("close", "Maintenance.");
        Assert.Equal(0, close.ExitCode);
        Assert.Equal(["Closing: telling 0 users that the server is shutting down.", "Closed."], close.Output);
        Assert.Equal(0, await server.Process.WaitForExitAsync());
        Assert.Contains(server.Process.ErrorLines, line => line.Contains($"console socket (uid {PeerCredentials.EffectiveUserId}, pid ", StringComparison.Ordinal) && line.Contains("kicked alice: flooding", StringComparison.Ordinal));
        Assert.False(File.Exists(_folder.SocketPath));

        var after = await ConsoleAsync("users");
        Assert.Equal(1, after.ExitCode);
        Assert.Equal([$"No server is running with data folder {_folder.Path} (no socket at {_folder.SocketPath})."], after.Error);
    }

    [Fact]
    public async Task AServerRunFromItsConfigurationIsManagedThroughTheConsoleAndItsBanOutlivesARestart()
    {
        // As a team runs it: every setting in the file, standard input at its end, an operator account.
        var config = System.IO.Path.Combine(_folder.Path + "-config.json");
        var operatorHash = PasswordHash.Hash("operator password", 1000);
        await File.WriteAllTextAsync(config, $$"""
            {
              "address": "127.0.0.1",
              "port": 0,
              "history": "sqlite",
              "data": "{{_folder.Path}}",
              "operator": ["root:{{operatorHash}}"]
            }
            """);
        try
        {
            await RunAsync(config);
        }
        finally
        {
            File.Delete(config);
        }
    }

    private async Task RunAsync(string config)
    {
        int port;
        DateTime? until;
        await using (var server = await ServerProcess.StartAsync("--config", config))
        {
            server.Process.CloseInput();
            await server.Process.WaitForErrorAsync("Standard input ended");
            port = server.Port;

            // A registered name cannot be taken without its password.
            await using (var carol = await ChatClient.ConnectAsync("127.0.0.1", port, "carol").WithTimeout())
            {
                Assert.Equal("carol", await carol.RegisterNameAsync("carol's secret").WithTimeout());
            }

            var taken = await Assert.ThrowsAsync<ChatRejectedException>(() => ChatClient.ConnectAsync("127.0.0.1", port, "carol").WithTimeout());
            Assert.True(taken.IsNamePasswordProblem, taken.Message);

            // Who is here, from where; then a ban, from the console.
            await using var bob = await RawClient.ConnectAsync(port);
            await bob.JoinAsync("bob");
            var bobPort = ((IPEndPoint)bob.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
            var users = await ConsoleAsync("users");
            Assert.Contains(users.Output, line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"^bob +127\.0\.0\.1:{bobPort} +#lobby "));

            var ban = await ConsoleAsync("ban", "bob", "2h", "spam");
            Assert.True(ban.ExitCode == 0, ban.Transcript);
            var banned = Assert.IsType<ErrorMessage>((await bob.ReadToEndAsync()).Messages.Last());
            Assert.Equal((ErrorCode.Banned, true), (banned.Code, banned.Fatal));
            Assert.Contains("spam", banned.Text, StringComparison.Ordinal);
            until = banned.Until;
            Assert.NotNull(until);

            Assert.Equal(0, (await ConsoleAsync("close")).ExitCode);
            Assert.Equal(0, await server.Process.WaitForExitAsync());
        }

        // The same configuration again: the ban and the registration are still there.
        await using (var again = await ServerProcess.StartAsync("--config", config))
        {
            again.Process.CloseInput();
            var refused = await Assert.ThrowsAsync<ChatRejectedException>(() => ChatClient.ConnectAsync("127.0.0.1", again.Port, "bob").WithTimeout());
            Assert.True(refused.IsBanned, refused.Message);
            Assert.Equal(until, refused.Until);
            Assert.Contains("spam", refused.Message, StringComparison.Ordinal);
            Assert.Contains((await ConsoleAsync("bans")).Output, line => line.Contains("bob", StringComparison.Ordinal) && line.Contains("spam", StringComparison.Ordinal));

            var carol = await Assert.ThrowsAsync<ChatRejectedException>(() => ChatClient.ConnectAsync("127.0.0.1", again.Port, "carol").WithTimeout());
            Assert.True(carol.IsNamePasswordProblem, carol.Message);
            await using (var back = await ChatClient.ConnectAsync("127.0.0.1", again.Port, "carol", new ChatClientOptions { NamePassword = "carol's secret" }).WithTimeout())
            {
                Assert.True(back.IsRegistered);
            }

            // The operator, from the chat: an unban, said back in the console's words.
            await using (var root = await ChatClient.ConnectAsync("127.0.0.1", again.Port, "root", new ChatClientOptions { NamePassword = "operator password" }).WithTimeout())
            {
                Assert.True(root.IsOperator);
                var reply = await root.RunOperatorCommandAsync("unban bob").WithTimeout();
                Assert.False(reply.Failed, string.Join(Environment.NewLine, reply.Lines));
            }

            await using (var bobBack = await ChatClient.ConnectAsync("127.0.0.1", again.Port, "bob").WithTimeout())
            {
                Assert.Equal("bob", bobBack.UserName);
            }

            Assert.Equal(0, (await ConsoleAsync("close")).ExitCode);
            Assert.Equal(0, await again.Process.WaitForExitAsync());
            Assert.Contains(again.Process.ErrorLines, line => line.Contains("root (operator)", StringComparison.Ordinal) && line.Contains("bob", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ASecondServerOnTheSameDataFolderStopsWithAClearMessage()
    {
        await using var first = await ServerProcess.StartAsync("--data", _folder.Path);
        await using var second = ProgramProcess.Start(ServerProcess.DefaultDll, "--address", "127.0.0.1", "--port", "0", "--history", "memory", "--data", _folder.Path);

        Assert.Equal(1, await second.WaitForExitAsync());
        Assert.Equal(
            [$"Another server is using {_folder.SocketPath}: its console answers there. Stop it first, or give this server another --data folder (or --console-socket)."],
            second.ErrorLines.Where(static line => line.Length > 0));
        Assert.DoesNotContain(second.OutputLines, static line => line.Contains("listening", StringComparison.Ordinal));
        Assert.Equal(0, (await ConsoleAsync("rooms")).ExitCode);
    }

    [Fact]
    public async Task TheSocketOfAServerThatDiedIsReplacedByTheNext()
    {
        await using (var crashed = await ServerProcess.StartAsync("--data", _folder.Path))
        {
            await crashed.Process.KillAsync();
        }

        Assert.True(File.Exists(_folder.SocketPath));
        await using var next = await ServerProcess.StartAsync("--data", _folder.Path);

        var rooms = await ConsoleAsync("rooms");
        Assert.Equal((0, "1 room:"), (rooms.ExitCode, rooms.Output[0]));
        await next.Process.WaitForErrorAsync("left by a server that stopped");
    }

    [Fact]
    public async Task TheServiceManagerHearsStoppingAsSoonAsTheConsolesCloseBegins()
    {
        using var notify = NotifySocket.InTempFolder();
        await using var server = ProgramProcess.Start(
            ServerProcess.DefaultDll,
            new Dictionary<string, string?> { [SystemdNotifier.SocketVariable] = notify.Name },
            "--address", "127.0.0.1", "--port", "0", "--history", "memory", "--data", _folder.Path);
        Assert.StartsWith("READY=1", await notify.ReceiveAsync(), StringComparison.Ordinal);
        var port = 0;
        Assert.Contains(server.OutputLines, line => Chat.Shared.ListeningLine.TryParse(line, out _, out port));

        // A user who neither reads nor closes holds the shutdown for the close timeout (3 s): it is under way meanwhile.
        await using var alice = await RawClient.ConnectAsync(port);
        await alice.JoinAsync("alice");
        await using var console = await ConsoleClient.ConnectAsync(_folder.SocketPath, static why => why).WithTimeout();

        var closing = console.SendAsync("close");
        var stopping = await notify.ReceiveAsync();

        // Heard while the server is still closing: its console still answers (it goes once the server has stopped).
        Assert.StartsWith("STOPPING=1", stopping, StringComparison.Ordinal);
        await using (var during = await ConsoleClient.ConnectAsync(_folder.SocketPath, static why => why).WithTimeout())
        {
            Assert.Equal(ConsoleWire.Ok, (await during.SendAsync("stats").WithTimeout()).Status);
        }

        Assert.False(closing.IsCompleted, "the close was done before the service manager heard STOPPING=1");
        alice.Reset();
        Assert.Equal(ConsoleWire.Closed, (await closing.WithTimeout()).Status);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Runs <c>Chat.Server console --data &lt;folder&gt; words...</c> as its own process.</summary>
    private async Task<ConsoleRun> ConsoleAsync(params string[] words)
    {
        await using var console = ProgramProcess.Start(ServerProcess.DefaultDll, ["console", "--data", _folder.Path, .. words]);
        var exitCode = await console.WaitForExitAsync();
        return new ConsoleRun(exitCode, [.. console.OutputLines.Where(static l => l.Length > 0)], [.. console.ErrorLines.Where(static l => l.Length > 0)], console.Transcript);
    }

    private sealed record ConsoleRun(int ExitCode, string[] Output, string[] Error, string Transcript);
}
