using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Operator;

/// <summary>Every action an operator takes is logged with who took it.</summary>
public class OperatorConsoleActorTests
{
    [Fact]
    public async Task EachActionIsLoggedWithWhoTookIt()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        var console = new OperatorConsole(server.Server, TextWriter.Null, "console socket (uid 1000, pid 42)");

        await console.ExecuteAsync("say Lunch.").WithTimeout();
        await console.ExecuteAsync("topic #lobby Deploys on Friday").WithTimeout();
        await console.ExecuteAsync("kick alice flooding").WithTimeout();
        await console.ExecuteAsync("kick nobody").WithTimeout();
        await console.ExecuteAsync("close Maintenance.").WithTimeout();

        var actions = server.Logs.Entries.Where(static e => e.Category == typeof(OperatorConsole).FullName).Select(static e => e.Message).ToList();
        Assert.Equal(
            [
                "console socket (uid 1000, pid 42) sent a notice to everyone (1 recipients): Lunch.",
                "console socket (uid 1000, pid 42) set the topic of #lobby: Deploys on Friday",
                "console socket (uid 1000, pid 42) kicked alice: flooding",
                "console socket (uid 1000, pid 42) closed the server: Maintenance.",
            ],
            actions);
    }
}
