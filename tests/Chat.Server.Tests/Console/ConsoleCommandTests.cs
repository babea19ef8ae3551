using System.Net.Sockets;
using System.Runtime.Versioning;
using Chat.Server.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Chat.Server.Tests.Operator;

/// <summary><c>Chat.Server console</c>, run in-process through the command line against a server's console socket.</summary>
[SupportedOSPlatform("linux")]
public sealed class ConsoleCommandTests : IDisposable
{
    private readonly ConsoleFolder _folder = new();

    [Fact]
    public async Task OneCommandPrintsItsAnswerAndExitsZero()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await using var listener = Listen(server);

        var (exitCode, output, error) = await RunAsync("console", "--data", _folder.Path, "users");

        Assert.Equal((0, string.Empty), (exitCode, error));
        var lines = Lines(output);
        Assert.Equal("1 user on the server: alice", lines[0]);
        Assert.StartsWith("alice  127.0.0.1:", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWordsOfTheCommandAreJoinedAndItsSocketMayBeNamed()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await using var listener = Listen(server);

        var (exitCode, output, _) = await RunAsync("console", "--socket", _folder.SocketPath, "say", "#lobby", "Deploying", "now.");

        Assert.Equal(0, exitCode);
        Assert.Equal(["Sent to 1 user in #lobby."], Lines(output));
        Assert.Equal("Deploying now.", (await alice.ReceiveAsync<Chat.Protocol.ServerNotice>()).Text);
    }

    [Fact]
    public async Task AFailedCommandGoesToStandardErrorAndExitsOne()
    {
        await using var server = TestServer.Start();
        await using var listener = Listen(server);

        var (exitCode, output, error) = await RunAsync("console", "--data", _folder.Path, "kick", "nobody");

        Assert.Equal((1, string.Empty), (exitCode, output));
        Assert.Equal(["Nobody called \"nobody\" is on the server."], Lines(error));
    }

    [Fact]
    public async Task WithoutAServerItSaysSoInOneSentenceNamingTheDataFolder()
    {
        var (exitCode, output, error) = await RunAsync("console", "--data", _folder.Path, "users");

        Assert.Equal((1, string.Empty), (exitCode, output));
        Assert.Equal([$"No server is running with data folder {_folder.Path} (no socket at {_folder.SocketPath})."], Lines(error));

        var (_, _, named) = await RunAsync("console", "--socket", _folder.SocketPath);
        Assert.Equal([$"No server is listening at {_folder.SocketPath} (no socket at {_folder.SocketPath})."], Lines(named));
    }

    [Fact]
    public async Task ASocketLeftByAServerThatStoppedIsNoServerEither()
    {
        Directory.CreateDirectory(_folder.Path);
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            dead.Bind(new UnixDomainSocketEndPoint(_folder.SocketPath + ".old"));
            File.Move(_folder.SocketPath + ".old", _folder.SocketPath);
        }

        var (exitCode, _, error) = await RunAsync("console", "--data", _folder.Path, "users");

        Assert.Equal(1, exitCode);
        Assert.Equal([$"No server is running with data folder {_folder.Path} (the socket {_folder.SocketPath} is left from a server that stopped)."], Lines(error));
    }

    [Fact]
    public async Task AClientTheServerRefusesSaysWhyAndExitsOne()
    {
        await using var server = TestServer.Start();
        await using var listener = ConsoleSocketListener.Bind(_folder.SocketPath, server.Server.LoggerFactory.CreateLogger<ConsoleSocketListener>(), PeerCredentials.EffectiveUserId + 1, allowRoot: false);
        listener.Start(server.Server);

        var (exitCode, _, error) = await RunAsync("console", "--data", _folder.Path, "users");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Only the user the server runs as (uid ", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACommandItReadsCommandsUntilExit()
    {
        await using var server = TestServer.Start();
        await using var listener = Listen(server);

        var (exitCode, output, error) = await RunAsync(new StringReader("rooms\nkick nobody\n\n  EXIT  \nclose\n"), "console", "--data", _folder.Path);

        Assert.Equal((0, string.Empty), (exitCode, error));
        Assert.Equal(["1 room:", "#lobby (0 users, stays)", "Nobody called \"nobody\" is on the server."], Lines(output));
        Assert.False(server.Server.Completion.IsCompleted);
    }

    [Fact]
    public async Task CloseEndsTheConsoleWithTheServer()
    {
        await using var server = TestServer.Start();
        await using var listener = Listen(server);

        var (exitCode, output, _) = await RunAsync(new StringReader("close\nusers\n"), "console", "--data", _folder.Path);

        Assert.Equal(0, exitCode);
        Assert.Equal(["Closing: telling 0 users that the server is shutting down.", "Closed.", "The server has closed; so has the console."], Lines(output));
        await server.Server.Completion.WithTimeout();
    }

    [Fact]
    public void TheConsoleSocketIsInTheDataFolderUnlessTheOptionSaysOtherwise()
    {
        Assert.Equal(Path.Combine("/srv/chat", "console.sock"), ServerCommandLine.ConsoleSocketPath(null, "/srv/chat"));
        Assert.Equal("/run/chat.sock", ServerCommandLine.ConsoleSocketPath("/run/chat.sock", "/srv/chat"));
        Assert.Null(ServerCommandLine.ConsoleSocketPath("none", "/srv/chat"));
        Assert.Null(ServerCommandLine.ConsoleSocketPath("", "/srv/chat"));
    }

    public void Dispose() => _folder.Dispose();

    private ConsoleSocketListener Listen(TestServer server)
    {
        var listener = ConsoleSocketListener.Bind(_folder.SocketPath, server.Server.LoggerFactory.CreateLogger<ConsoleSocketListener>());
        listener.Start(server.Server);
        return listener;
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(TextReader.Null, args);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(TextReader input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ServerCommandLine.RunAsync(args, output, error, input).WithTimeout();
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
