using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Chat.Protocol;
using Chat.Samples.Tests.Support;

namespace Chat.Samples.Tests;

/// <summary>samples/EchoBot as a process, against the real server as a process, talking to real clients.</summary>
public sealed partial class EchoBotTests
{
    private const string Bot = "echo-bot";

    [Fact]
    public async Task AnswersEchoTimeAndWhoFromARealClient()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bot = await StartBotAsync(server.Port);
        await using var alice = await server.JoinAsync("alice");

        await alice.SendAsync("hello, is anyone here?").WithTimeout(); // Not a command: no answer.
        await alice.SendAsync("!echo hello there").WithTimeout();
        Assert.Equal("hello there", (await NextFromBotAsync(alice)).Text);

        await alice.SendAsync("!time").WithTimeout();
        var asked = await alice.NextAsync<TextPosted>(p => p.Text == "!time");
        var time = TimeAnswer().Match((await NextFromBotAsync(alice)).Text);
        Assert.True(time.Success);
        Assert.Equal(asked.Timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), time.Groups[1].Value);

        await alice.SendAsync("!who").WithTimeout();
        Assert.Equal("2 in the room: alice, echo-bot", (await NextFromBotAsync(alice)).Text);

        await alice.SendAsync("!HELP").WithTimeout();
        Assert.StartsWith("Commands: !echo <text>", (await NextFromBotAsync(alice)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IgnoresItsOwnLinesAndActions()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bot = await StartBotAsync(server.Port);
        await using var alice = await server.JoinAsync("alice");

        // The answer "!echo loop" is a command too; a bot that heard itself would answer "loop" next.
        await alice.SendAsync("!echo !echo loop").WithTimeout();
        await alice.SendActionAsync("!echo from an action").WithTimeout();
        await alice.SendAsync("!echo last").WithTimeout();

        Assert.Equal("!echo loop", (await NextFromBotAsync(alice)).Text);
        Assert.Equal("last", (await NextFromBotAsync(alice)).Text);
    }

    [Fact]
    public async Task AnswersPrivateMessagesPrivately()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bot = await StartBotAsync(server.Port);
        await using var alice = await server.JoinAsync("alice");
        await using var bob = await server.JoinAsync("bob");

        await alice.SendPrivateAsync(Bot, "!echo psst").WithTimeout();
        var answer = await alice.NextAsync<PrivateMessage>(m => m.From == Bot, "the bot's private answer");
        Assert.Equal(("alice", "psst"), (answer.To, answer.Text));

        // A hint for the first private line that is not a command, and no more: two bots that
        // answered everything would keep each other talking forever.
        await alice.SendPrivateAsync(Bot, "just chatting").WithTimeout();
        await alice.SendPrivateAsync(Bot, "still chatting").WithTimeout();
        await alice.SendPrivateAsync(Bot, "!echo done").WithTimeout();
        Assert.Equal("I only understand commands; try !help", (await alice.NextAsync<PrivateMessage>(m => m.From == Bot)).Text);
        Assert.Equal("done", (await alice.NextAsync<PrivateMessage>(m => m.From == Bot)).Text);

        // Bob, in the room all along, saw none of it: the first thing he hears from the bot is a public answer.
        await bob.SendAsync("!echo public").WithTimeout();
        var first = await bob.NextAsync<ChatMessage>(m => m is TextPosted { Author: Bot } or PrivateMessage { From: Bot }, "the bot");
        Assert.Equal("public", Assert.IsType<TextPosted>(first).Text);
    }

    [Fact]
    public async Task ComesBackAfterTheServerShutsDownAndStartsAgain()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bot = await StartBotAsync(server.Port);

        await server.CommandAsync("close");
        await bot.WaitForErrorAsync("Server shutdown");
        await bot.WaitForErrorAsync("Joining again");
        Assert.Equal(0, await server.Process.WaitForExitAsync());

        await using var restarted = await RestartOnAsync(server.Port);
        await AssertBotAnswersAsync(restarted);
    }

    [Fact]
    public async Task ComesBackAfterTheServerIsKilledAndStartsAgain()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bot = await StartBotAsync(server.Port);

        await server.Process.KillAsync();
        await bot.WaitForErrorAsync("The server closed the connection");
        await bot.WaitForErrorAsync("Joining again");

        // Nothing listens now: the bot keeps trying, with back-off, and says why.
        await bot.WaitForErrorAsync($"No chat server is listening on 127.0.0.1:{server.Port}");
        await using var restarted = await RestartOnAsync(server.Port);
        await AssertBotAnswersAsync(restarted);
    }

    [Fact]
    public async Task ComesBackAfterARestartWithoutAnsweringTheLinesReplayedToIt()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var relay = TcpRelay.Start(server.Port);
        await using var bot = await StartBotAsync(relay.Port);

        // The server restarts while the bot cannot reach it, and its room is told a command meanwhile.
        relay.Refuse(true);
        await server.CommandAsync("close");
        await bot.WaitForErrorAsync("Server shutdown");
        await using var restarted = await BuiltPrograms.StartServerAsync();
        relay.RelayTo(restarted.Port);
        await using var alice = await restarted.JoinAsync("alice");
        await alice.SendAsync("!echo said while you were away").WithTimeout();
        await alice.NextAsync<TextPosted>(p => p.Text == "!echo said while you were away");
        relay.Refuse(false);

        // Back, the bot is handed that line in a history batch: an old line, not a command said now.
        await bot.WaitForErrorAsync("1 line(s) said while away");
        await alice.WaitForUserAsync(Bot);
        await alice.SendAsync("!echo I am back").WithTimeout();
        Assert.Equal("I am back", (await NextFromBotAsync(alice)).Text);
    }

    [Theory]
    [InlineData(2)] // SIGINT: Ctrl+C
    [InlineData(15)] // SIGTERM: a service manager stopping it
    public async Task LeavesTheRoomAndExitsWhenStopped(int signal)
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bot = await StartBotAsync(server.Port);
        await using var alice = await server.JoinAsync("alice");
        await alice.WaitForUserAsync(Bot);

        bot.Signal(signal);

        var left = await alice.NextAsync<UsersLeft>(l => l.Departures.Any(d => d.UserName == Bot), "the bot to leave");
        Assert.Equal(new Departure(Bot, LeaveReason.Quit) { Text = "EchoBot was stopped by its operator." }, left.Departures.Single());
        Assert.Equal(0, await bot.WaitForExitAsync());
    }

    [Fact]
    public async Task StaysOutWhenTheOperatorKicksIt()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bot = await StartBotAsync(server.Port);

        await server.CommandAsync($"kick {Bot} enough");

        Assert.Equal(4, await bot.WaitForExitAsync());
        await bot.WaitForErrorAsync("Kicked out");
    }

    [Fact]
    public async Task GivesUpOnANameTheServerNeverAccepts()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bot = ProgramProcess.Start(BuiltPrograms.EchoBot, "--port", Port(server.Port), "--name", "Server");

        Assert.Equal(3, await bot.WaitForExitAsync());
        await bot.WaitForErrorAsync("reserved");
    }

    [Fact]
    public async Task RejectsABadCommandLine()
    {
        await using var bot = ProgramProcess.Start(BuiltPrograms.EchoBot, "--port", "seventy");

        Assert.Equal(2, await bot.WaitForExitAsync());
        await bot.WaitForErrorAsync("--port seventy is not a valid option");
    }

    [Fact]
    public async Task DropsWhatItCannotAnswerInTimeRatherThanFlooding()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bot = await StartBotAsync(server.Port);
        await using var watcher = await server.JoinAsync("watcher");
        await using var alice = await server.JoinAsync("alice");
        await using var bob = await server.JoinAsync("bob");

        // 40 commands at once, within each sender's own limit (a burst of 30): far more than the
        // bot may answer at once. Each one is either answered or dropped, and said so on its log.
        const int Commands = 40;
        for (var i = 0; i < Commands / 2; i++)
        {
            await alice.SendAsync($"!echo a{i}").WithTimeout();
            await bob.SendAsync($"!echo b{i}").WithTimeout();
        }

        var outcomes = await CountOutcomesAsync(watcher, bot, Commands);

        Assert.Equal(Commands, outcomes.Answered + outcomes.Dropped);
        Assert.True(outcomes.Answered >= 16, $"Only {outcomes.Answered} answered.");
        Assert.Equal(0, outcomes.Refused); // Its pace is below the server's default limit.
        Assert.Contains(Bot, watcher.Users);
    }

    [Fact]
    public async Task SlowsDownRatherThanGetKickedByAStricterServer()
    {
        // One message a second after a burst of 3: the bot's first answers come faster than that.
        // A bot that did not slow down would owe more than a whole burst by its 8th answer and be
        // disconnected for flooding.
        await using var server = await BuiltPrograms.StartServerAsync(0, "--rate", "1", "--burst", "3");
        await using var bot = await StartBotAsync(server.Port);
        await using var watcher = await server.JoinAsync("watcher");
        var senders = new List<ChatClient>();
        try
        {
            const int Commands = 9;
            for (var i = 0; i < Commands / 3; i++)
            {
                senders.Add(await server.JoinAsync($"sender{i}"));
            }

            foreach (var sender in senders)
            {
                for (var j = 0; j < 3; j++)
                {
                    await sender.SendAsync($"!echo {sender.UserName}-{j}").WithTimeout();
                }
            }

            var outcomes = await CountOutcomesAsync(watcher, bot, Commands);

            Assert.Equal(Commands, outcomes.Answered + outcomes.Refused);
            Assert.True(outcomes.Refused > 0, "The server never refused the bot, so this test proves nothing.");
            Assert.Contains(Bot, watcher.Users);
        }
        finally
        {
            foreach (var sender in senders)
            {
                await sender.DisposeAsync();
            }
        }
    }

    [Fact]
    public void ThePackageReadmesReconnectExamplesAreTakenFromTheEchoBotSample()
    {
        var readme = File.ReadAllText(BuiltPrograms.PathOf("src/Chat.Protocol/PACKAGE.md")).ReplaceLineEndings("\n");
        var sample = Trimmed(File.ReadAllText(BuiltPrograms.PathOf("samples/EchoBot/Program.cs")));

        var section = ReconnectSection().Match(readme);
        Assert.True(section.Success, "src/Chat.Protocol/PACKAGE.md has no \"## Reconnect and history\" section.");
        var examples = CodeBlock().Matches(section.Groups[1].Value);
        Assert.Equal(2, examples.Count);
        foreach (Match example in examples)
        {
            var excerpt = Trimmed(example.Groups[1].Value);
            var at = Enumerable.Range(0, sample.Length - excerpt.Length + 1).FirstOrDefault(i => sample.AsSpan(i, excerpt.Length).SequenceEqual(excerpt), -1);
            Assert.True(at >= 0, $"This example of PACKAGE.md is not, line for line, a part of samples/EchoBot/Program.cs:\n{example.Value}");
        }

        // Each line without its indentation: the excerpts are dedented out of the sample's blocks.
        static string[] Trimmed(string text) => [.. text.ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim())];
    }

    private static async Task<ProgramProcess> StartBotAsync(int port)
    {
        var bot = ProgramProcess.Start(BuiltPrograms.EchoBot, "--port", Port(port), "--max-backoff", "0.5");
        try
        {
            await bot.WaitForErrorAsync($"as {Bot}");
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a server on the port a previous one used. The server sets SO_REUSEADDR (as .NET does
    /// for every listening socket on Linux), so the old connections in TIME_WAIT do not block it;
    /// the port could only be taken in between by another program that happened to be given it.
    /// </summary>
    private static async Task<ServerProcess> RestartOnAsync(int port)
    {
        var server = await BuiltPrograms.StartServerAsync(port);
        Assert.Equal(port, server.Port);
        return server;
    }

    private static async Task AssertBotAnswersAsync(ServerProcess server)
    {
        await using var alice = await server.JoinAsync("alice");
        await alice.WaitForUserAsync(Bot);
        await alice.SendAsync("!echo I am back").WithTimeout();
        Assert.Equal("I am back", (await NextFromBotAsync(alice)).Text);
    }

    private static Task<TextPosted> NextFromBotAsync(ChatClient client) =>
        client.NextAsync<TextPosted>(p => p.Author == Bot, "a line from the bot");

    /// <summary>
    /// Waits until each of <paramref name="commands"/> commands has an outcome: answered in the
    /// room, dropped by the bot (its log says so), or refused by the server (the bot logs that it
    /// slows down). The bot must not be disconnected meanwhile.
    /// </summary>
    private static async Task<(int Answered, int Dropped, int Refused)> CountOutcomesAsync(
        ChatClient watcher, ProgramProcess bot, int commands)
    {
        var outcomes = Channel.CreateUnbounded<string>();
        using var stop = new CancellationTokenSource();
        var fromLog = PumpAsync(async cancellationToken =>
        {
            var line = await bot.WaitForErrorAsync(l => LogOutcome(l) is not null, "the bot's log", cancellationToken);
            return LogOutcome(line)!;
        });
        var fromRoom = PumpAsync(async cancellationToken =>
        {
            var message = await watcher.NextAsync<ChatMessage>(
                m => m is TextPosted { Author: Bot } || (m is UsersLeft left && left.Departures.Any(d => d.UserName == Bot)),
                "an answer from the bot",
                cancellationToken);
            return message is TextPosted ? "answered" : "disconnected";
        });

        var counts = new Dictionary<string, int> { ["answered"] = 0, ["dropped"] = 0, ["refused"] = 0 };
        using var timeout = new CancellationTokenSource(TestTimeout.Value);
        try
        {
            for (var i = 0; i < commands; i++)
            {
                var outcome = await outcomes.Reader.ReadAsync(timeout.Token);
                Assert.True(counts.ContainsKey(outcome), $"The bot was {outcome} after {string.Join(", ", counts)}.{Environment.NewLine}{bot.Transcript}");
                counts[outcome]++;
            }
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Only {string.Join(", ", counts)} of {commands} commands.{Environment.NewLine}{bot.Transcript}", ex);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(fromLog, fromRoom).WithTimeout();
        }

        return (counts["answered"], counts["dropped"], counts["refused"]);

        async Task PumpAsync(Func<CancellationToken, Task<string>> next)
        {
            try
            {
                while (true)
                {
                    await outcomes.Writer.WriteAsync(await next(stop.Token), stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                outcomes.Writer.TryComplete(ex);
            }
        }

        static string? LogOutcome(string line) =>
            line.Contains("not answering", StringComparison.Ordinal) ? "dropped"
            : line.Contains("more slowly", StringComparison.Ordinal) ? "refused"
            : line.Contains("Joining again", StringComparison.Ordinal) ? "disconnected"
            : null;
    }

    [GeneratedRegex(@"^## Reconnect and history\n(.*?)^## ", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ReconnectSection();

    [GeneratedRegex(@"^```csharp\n(.*?)\n```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"^It is (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC\.$")]
    private static partial Regex TimeAnswer();

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
