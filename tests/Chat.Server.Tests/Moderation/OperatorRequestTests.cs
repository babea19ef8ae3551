using System.Net;
using Chat.Protocol;
using Chat.Server.Tests.Accounts;

namespace Chat.Server.Tests.Moderation;

/// <summary>Operator commands from the chat (OperatorRequest) over real TCP: the same console, refused to non-operators.</summary>
public class OperatorRequestTests
{
    [Fact]
    [Trait("ProtocolRule", "R7.69")]
    public async Task AnOperatorRequestFromAUserWhoIsNotAnOperatorIsRefused()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        await using var bob = await server.JoinRawAsync("bob");

        await bob.SendAsync(new OperatorRequest(5, "ban alice"));
        var refused = await bob.ReceiveAsync<ErrorMessage>();

        Assert.Equal((ErrorCode.NotAllowed, 5, false), (refused.Code, refused.RequestId, refused.Fatal));
        Assert.StartsWith("No bans.", await server.RunAsync("bans"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.69")]
    public async Task AnOperatorBansFromTheChatAndTheActionIsLoggedWithWhoDidIt()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        await using var root = await server.ConnectRawAsync();
        await using var mallory = await server.ConnectRawAsync(from: IPAddress.Parse("127.0.0.5"));
        Assert.True(Assert.IsType<Welcome>(await root.HelloAsync(AccountsTestKit.OperatorName, AccountsTestKit.OperatorPassword)).Operator);
        await mallory.JoinAsync("mallory");

        await root.SendAsync(new OperatorRequest(11, "/ban mallory 2h spam"));
        var reply = await root.ReceiveAsync<OperatorReply>();
        var (messages, _) = await mallory.ReadToEndAsync();

        Assert.Equal((11, false), (reply.RequestId, reply.Failed));
        Assert.Equal("Disconnected mallory (127.0.0.5).", reply.Lines[1]);
        Assert.StartsWith("Banned mallory until ", reply.Lines[0], StringComparison.Ordinal);
        Assert.Equal(ErrorCode.Banned, Assert.IsType<ErrorMessage>(messages[^1]).Code);
        Assert.Contains(server.Logs.Entries, static e => e.Message.StartsWith("root (operator) banned mallory until ", StringComparison.Ordinal));
        Assert.Equal("root (operator)", Assert.Single(server.Server.Bans.List().Bans).By);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.69")]
    public async Task CloseAndBackupAreRefusedFromTheChatAndAnUnknownCommandFails()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        await using var root = await server.ConnectRawAsync();
        Assert.IsType<Welcome>(await root.HelloAsync(AccountsTestKit.OperatorName, AccountsTestKit.OperatorPassword));

        await root.SendAsync(new OperatorRequest(1, "close Bye."));
        var close = await root.ReceiveAsync<OperatorReply>();
        await root.SendAsync(new OperatorRequest(2, "backup /tmp/x.db"));
        var backup = await root.ReceiveAsync<OperatorReply>();
        await root.SendAsync(new OperatorRequest(3, "frobnicate"));
        var unknown = await root.ReceiveAsync<OperatorReply>();
        await root.SendAsync(new OperatorRequest(4, "kick nobody"));
        var nobody = await root.ReceiveAsync<OperatorReply>();
        await root.SendAsync(new OperatorRequest(5, "say #lobby Maintenance at noon."));
        ChatMessage[] sayAnswers = [(await root.ReceiveAsync())!, (await root.ReceiveAsync())!];
        var notice = Assert.Single(sayAnswers.OfType<ServerNotice>()); // the room's notice, to root too, as the command runs
        var say = Assert.Single(sayAnswers.OfType<OperatorReply>());

        Assert.Equal((1, true), (close.RequestId, close.Failed));
        Assert.Equal("close and backup run only from the server's console (its standard input or Chat.Server console), not from the chat.", Assert.Single(close.Lines));
        Assert.True(backup.Failed);
        Assert.Equal(["Unknown command \"frobnicate\". Type help to see the commands."], unknown.Lines);
        Assert.True(unknown.Failed);
        Assert.True(nobody.Failed);
        Assert.False(say.Failed);
        Assert.Equal("Maintenance at noon.", notice.Text);
        Assert.False(server.Server.Completion.IsCompleted, "The server closed on a command from the chat.");
    }

    [Fact]
    public async Task AnOperatorsReplyListsTheHelpALineEach()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        await using var root = await server.ConnectRawAsync();
        Assert.IsType<Welcome>(await root.HelloAsync(AccountsTestKit.OperatorName, AccountsTestKit.OperatorPassword));

        await root.SendAsync(new OperatorRequest(1, "help"));
        var reply = await root.ReceiveAsync<OperatorReply>();

        Assert.Equal("Commands:", reply.Lines[0]);
        Assert.Contains(reply.Lines, static line => line.StartsWith("  ban <name|address|CIDR> [duration] [reason]", StringComparison.Ordinal));
        Assert.DoesNotContain(reply.Lines, static line => line.Contains('\n', StringComparison.Ordinal) || line.Contains('\r', StringComparison.Ordinal));
    }
}
