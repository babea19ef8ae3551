using Chat.Server.Tests.Support;
using Chat.Shared;

namespace Chat.Server.Tests.Hosting.Configuration;

/// <summary>The built server started as a service starts it: its settings in a file and the environment, standard input empty.</summary>
public sealed class ConfigurationProcessTests : IDisposable
{
    private readonly ConfigurationFixture _files = new();

    [Fact]
    public async Task TheServerRunsWithTheFilesSettingsUnderTheEnvironmentsAndTheCommandLines()
    {
        var path = _files.Write("""
            {
              "address": "127.0.0.1",
              "port": 0,
              "history": "memory",
              "server-name": "From the file",
              "motd": "the file's",
              "max-clients": 1,
            }
            """);
        await using var server = ProgramProcess.Start(
            ServerProcess.DefaultDll,
            new Dictionary<string, string?> { ["CHATROOM_MOTD"] = "the environment's", ["CHATROOM_MAX_CLIENTS"] = "2" },
            "--config", path, "--max-clients", "5");
        var port = 0;
        await server.WaitForOutputAsync(line => ListeningLine.TryParse(line, out _, out port), "the server's \"listening on\" line");

        await using var alice = await RawClient.ConnectAsync(port);
        var welcome = await alice.JoinAsync("alice");

        // The file says one client, the environment two, the command line five: three join.
        await using var bob = await RawClient.ConnectAsync(port);
        await bob.JoinAsync("bob");
        await using var carol = await RawClient.ConnectAsync(port);
        var last = await carol.JoinAsync("carol");

        Assert.Equal("From the file", welcome.ServerName);
        Assert.Equal("the environment's", welcome.MessageOfTheDay);
        Assert.Equal(["alice", "bob", "carol"], last.Users.Order(StringComparer.Ordinal));
        server.CloseInput();
        server.Signal(15);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task ABadFileStopsTheServerBeforeItListensWithOneLine()
    {
        var path = _files.Write("{\n  \"address\": \"127.0.0.1\",\n  \"port\": 0,\n  \"max-client\": 5\n}\n");
        await using var server = ProgramProcess.Start(ServerProcess.DefaultDll, "--config", path, "--history", "memory");

        Assert.Equal(1, await server.WaitForExitAsync());
        Assert.Empty(server.OutputLines);
        Assert.Equal([$"{path} line 4: unknown setting \"max-client\"; did you mean \"max-clients\"?"], server.ErrorLines);
    }

    public void Dispose() => _files.Dispose();
}
