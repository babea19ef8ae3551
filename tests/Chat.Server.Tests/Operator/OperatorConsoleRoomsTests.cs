using System.Globalization;
using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Operator;

/// <summary>The operator's console over rooms: rooms, users [#room], say [#room], topic, kick server-wide.</summary>
public class OperatorConsoleRoomsTests
{
    [Fact]
    public async Task TheConsoleListsRoomsAndTheUsersOfTheServerOrOfARoom()
    {
        await using var server = TestServer.Start(o => o with { Rooms = ["#ops"] });
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await alice.SendAsync(new SetTopic("#dev", "Release on Friday"));
        var topic = await alice.ReceiveAsync<TopicChanged>();
        await using var bob = await server.JoinRawAsync("bob");
        var output = new StringWriter();
        var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);

        await console.ExecuteAsync("rooms");
        await console.ExecuteAsync("users");
        await console.ExecuteAsync("users #DEV");
        await console.ExecuteAsync("users #ops");
        await console.ExecuteAsync("users #none");

        Assert.Equal(
            [
                "3 rooms:",
                string.Create(CultureInfo.InvariantCulture, $"  #dev (1 user): Release on Friday (set by alice, {topic.Timestamp:yyyy-MM-dd HH:mm} UTC)"),
                "  #lobby (2 users, stays)",
                "  #ops (0 users, stays)",
                "2 users on the server: alice, bob",
                "1 user in #dev: alice",
                "Nobody is in #ops.",
                "There is no room called #none.",
            ],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Where(static line => !IsUserTableLine(line)));
    }

    /// <summary>A line of the table under each users line (tested in Console/OperatorConsoleUsersTests).</summary>
    private static bool IsUserTableLine(string line) => line.StartsWith("NAME ", StringComparison.Ordinal) || line.Contains(" 127.0.0.1:", StringComparison.Ordinal);

    [Fact]
    public async Task SayToARoomReachesOnlyItsMembers()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await using var bob = await server.JoinRawAsync("bob");
        var output = new StringWriter();
        var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);

        await console.ExecuteAsync("say #dev Deploying now.");
        await console.ExecuteAsync("say #nowhere Hello?");
        await console.ExecuteAsync("say Everyone: lunch.");

        var atAlice = await alice.ReceiveAsync<ServerNotice>();
        Assert.Equal(("Deploying now.", "#dev"), (atAlice.Text, atAlice.Room));
        var atBob = await bob.ReceiveAsync<ServerNotice>();
        Assert.Equal(("Everyone: lunch.", string.Empty), (atBob.Text, atBob.Room)); // nothing of #dev before it
        Assert.Equal("Everyone: lunch.", (await alice.ReceiveAsync<ServerNotice>()).Text);
        Assert.Contains("Sent to 1 user in #dev.", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("There is no room called #nowhere.", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Sent to 2 users.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpListsTheRoomCommands()
    {
        await using var server = TestServer.Start();
        var output = new StringWriter();

        await new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor).ExecuteAsync("help");

        foreach (var command in new[] { "rooms", "users [#room]", "say [#room] <text>", "topic #room <text>", "kick <name> [reason]", "close [reason]" })
        {
            Assert.Contains(command, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ATopicTooLongIsRefusedAndClearingOneSaysSo()
    {
        await using var server = TestServer.Start();
        var output = new StringWriter();
        var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);

        await console.ExecuteAsync($"topic #lobby {new string('t', 301)}");
        await console.ExecuteAsync("topic #lobby");

        Assert.Contains("300", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Cleared the topic of #lobby.", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, server.Server.DefaultRoom.Info().Topic);
    }
}
