using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Chat.Protocol;
using Chat.Server.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Chat.Server.Tests.Operator;

/// <summary>The operator console on a Unix domain socket: who may use it, what goes over it, and how it ends.</summary>
[SupportedOSPlatform("linux")]
public sealed class ConsoleSocketListenerTests : IDisposable
{
    private readonly ConsoleFolder _folder = new();

    [Fact]
    public async Task TheSocketIsOnlyTheUsersInAFolderOnlyTheUserMayEnter()
    {
        Assert.False(Directory.Exists(_folder.Path));
        await using var server = TestServer.Start();

        await using var listener = Bind(server);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder.SocketPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder.Path));
        Assert.Equal(PeerCredentials.EffectiveUserId, listener.OwnerUid);
    }

    [Fact]
    public async Task ACommandGoesOverTheSocketAndItsReplyComesBackWithItsStatus()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await using var listener = Bind(server);
        await using var client = await ConnectAsync();

        var users = await client.SendAsync("users").WithTimeout();
        var nobody = await client.SendAsync("kick nobody").WithTimeout();
        var empty = await client.SendAsync("").WithTimeout();
        var unknown = await client.SendAsync("dance").WithTimeout();

        Assert.Equal(ConsoleWire.Ok, users.Status);
        Assert.Equal("1 user on the server: alice", users.Lines[0]);
        Assert.Equal(3, users.Lines.Count); // the line, the table's header and alice's row
        Assert.Equal(ConsoleWire.Failed, nobody.Status);
        Assert.Equal(["Nobody called \"nobody\" is on the server."], nobody.Lines);
        Assert.Equal((0, ConsoleWire.Ok), (empty.Lines.Count, empty.Status));
        Assert.Equal(ConsoleWire.Failed, unknown.Status);
        Assert.Equal(["Unknown command \"dance\". Type help to see the commands."], unknown.Lines);
    }

    [Fact]
    public void LinesThatBeginWithADotAreStuffedSoThatTheStatusLineCannotBeMistaken()
    {
        var reply = ConsoleWire.Encoding.GetString(ConsoleWire.Reply(".hidden\r\nplain\n.\n..two\n", ConsoleWire.Ok));

        Assert.Equal("..hidden\nplain\n..\n...two\n.ok\n", reply);
        var lines = reply.Split('\n')[..^1];
        Assert.Equal([false, false, false, false, true], lines.Select(static line => ConsoleWire.IsStatus(line, out _)));
        Assert.Equal([".hidden", "plain", ".", "..two"], lines[..^1].Select(ConsoleWire.Unstuff));
    }

    [Fact]
    public async Task SeveralClientsAttachAtOnceAndAnIdleOneOrOneThatLeavesMidCommandHoldsNobodyUp()
    {
        await using var server = TestServer.Start();
        await using var listener = Bind(server);
        await using var idle = await ConnectAsync();
        await using var busy = await ConnectAsync();
        using (var leaving = Connect())
        {
            // "close" without its line end, then gone: a part line is never run.
            await leaving.SendAsync(Encoding.UTF8.GetBytes("close")).WithTimeout();
        }

        Assert.Equal(ConsoleWire.Ok, (await busy.SendAsync("rooms").WithTimeout()).Status);
        Assert.Equal(ConsoleWire.Ok, (await idle.SendAsync("stats").WithTimeout()).Status);
        Assert.Equal(ConsoleWire.Ok, (await busy.SendAsync("users").WithTimeout()).Status);
        Assert.False(server.Server.Completion.IsCompleted);
        await Condition.UntilAsync(() => listener.ClientCount == 2, "the client that left is let go");
    }

    [Fact]
    public async Task ALineLongerThanTheLimitIsRefusedAndTheConnectionClosed()
    {
        await using var server = TestServer.Start();
        await using var listener = Bind(server);
        using var socket = Connect();
        await using var stream = new NetworkStream(socket);

        await stream.WriteAsync(Encoding.UTF8.GetBytes(new string('x', ConsoleWire.MaxLineBytes + 1))).WithTimeout();
        using var reader = new StreamReader(stream);
        var reply = await reader.ReadToEndAsync().WithTimeout();

        Assert.Equal($"The line is longer than {ConsoleWire.MaxLineBytes} bytes, the most a console command may have; the connection is closed.\n.failed\n", reply);
        Assert.False(server.Server.Completion.IsCompleted);
    }

    [Fact]
    public async Task ASocketLeftByAServerThatStoppedIsReplaced()
    {
        Directory.CreateDirectory(_folder.Path);
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // A socket file nobody listens on, as a crash leaves it: .NET removes the file it bound
            // when the socket closes, so the file is moved first.
            var elsewhere = _folder.SocketPath + ".old";
            dead.Bind(new UnixDomainSocketEndPoint(elsewhere));
            File.Move(elsewhere, _folder.SocketPath);
        }

        Assert.True(File.Exists(_folder.SocketPath));
        await using var server = TestServer.Start();
        await using var listener = Bind(server);
        await using var client = await ConnectAsync();

        Assert.Equal(ConsoleWire.Ok, (await client.SendAsync("users").WithTimeout()).Status);
        Assert.Contains(server.Logs.Entries, static e => e.Message.Contains("left by a server that stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASocketAServerAnswersOnIsAClearErrorAndStaysItsOwn()
    {
        await using var server = TestServer.Start();
        await using var listener = Bind(server);

        var error = Assert.Throws<ConsoleSocketException>(() => Bind(server));

        Assert.StartsWith($"Another server is using {_folder.SocketPath}: ", error.Message, StringComparison.Ordinal);
        await using var client = await ConnectAsync();
        Assert.Equal(ConsoleWire.Ok, (await client.SendAsync("rooms").WithTimeout()).Status);
    }

    [Fact]
    public async Task AFileThatIsNotASocketIsLeftAlone()
    {
        Directory.CreateDirectory(_folder.Path);
        await File.WriteAllTextAsync(_folder.SocketPath, "notes");
        await using var server = TestServer.Start();

        var error = Assert.Throws<ConsoleSocketException>(() => Bind(server));

        Assert.Equal($"Cannot make the console socket {_folder.SocketPath}: a file that is not a socket is in its place; move it away, or choose another --console-socket.", error.Message);
        Assert.Equal("notes", await File.ReadAllTextAsync(_folder.SocketPath));
    }

    [Fact]
    public async Task AClientOfAnotherUserIsRefusedInOneLine()
    {
        await using var server = TestServer.Start();
        var owner = PeerCredentials.EffectiveUserId + 1;
        await using var listener = ConsoleSocketListener.Bind(_folder.SocketPath, server.Server.LoggerFactory.CreateLogger<ConsoleSocketListener>(), owner, allowRoot: false);
        listener.Start(server.Server);
        await using var client = await ConnectAsync();

        var reply = await client.SendAsync("close").WithTimeout();

        Assert.Equal(ConsoleWire.Refused, reply.Status);
        Assert.Equal([$"Only the user the server runs as (uid {owner}) may use its console; you are uid {PeerCredentials.EffectiveUserId}."], reply.Lines);
        Assert.False(server.Server.Completion.IsCompleted);
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith($"Refused a console client of uid {PeerCredentials.EffectiveUserId} (pid {Environment.ProcessId})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheServersUserAndRootMayAttachAndNobodyElse()
    {
        await using var server = TestServer.Start();
        await using var listener = ConsoleSocketListener.Bind(_folder.SocketPath, server.Server.LoggerFactory.CreateLogger<ConsoleSocketListener>(), ownerUid: 1234);

        Assert.Equal((true, true, false, false), (listener.Allows(1234), listener.Allows(0), listener.Allows(1000), listener.Allows(1235)));
    }

    [Fact]
    public async Task EachActionIsLoggedWithTheClientsUserAndProcess()
    {
        await using var server = TestServer.Start();
        await using var listener = Bind(server);
        await using var client = await ConnectAsync();

        await client.SendAsync("say Deploying now.").WithTimeout();

        var actor = $"console socket (uid {PeerCredentials.EffectiveUserId}, pid {Environment.ProcessId})";
        Assert.Contains(server.Logs.Entries, e => e.Message == $"{actor} attached to the console");
        Assert.Contains(server.Logs.Entries, e => e.Message == $"{actor} sent a notice to everyone (0 recipients): Deploying now.");
    }

    [Fact]
    public async Task CloseOverTheSocketStopsTheServerAndSaysSo()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await using var listener = Bind(server);
        await using var client = await ConnectAsync();

        var reply = await client.SendAsync("close Maintenance.").WithTimeout();

        Assert.Equal(ConsoleWire.Closed, reply.Status);
        Assert.Equal(["Closing: telling 1 user that the server is shutting down.", "Closed."], reply.Lines);
        await server.Server.Completion.WithTimeout();
        Assert.Equal("Maintenance.", Assert.IsType<ServerShutdown>((await alice.ReadToEndAsync()).Messages.Last()).Text);
    }

    [Fact]
    public async Task DisposingCutsIdleClientsOffAndRemovesTheSocket()
    {
        await using var server = TestServer.Start();
        var listener = Bind(server);
        await using var idle = await ConnectAsync();
        await Condition.UntilAsync(() => listener.ClientCount == 1, "the client is attached");

        await listener.DisposeAsync().AsTask().WithTimeout();

        Assert.False(File.Exists(_folder.SocketPath));
        await Assert.ThrowsAsync<ConsoleSocketException>(() => idle.SendAsync("users")).WithTimeout();
        Assert.False(server.Server.Completion.IsCompleted);
    }

    public void Dispose() => _folder.Dispose();

    private ConsoleSocketListener Bind(TestServer server)
    {
        var listener = ConsoleSocketListener.Bind(_folder.SocketPath, server.Server.LoggerFactory.CreateLogger<ConsoleSocketListener>());
        listener.Start(server.Server);
        return listener;
    }

    private Task<ConsoleClient> ConnectAsync() => ConsoleClient.ConnectAsync(_folder.SocketPath, static why => why).WithTimeout();

    private Socket Connect()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(_folder.SocketPath));
        return socket;
    }
}
