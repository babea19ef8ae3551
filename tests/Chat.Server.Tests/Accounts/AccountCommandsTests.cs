using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Accounts;

/// <summary>The console's accounts and unregister, against a real server.</summary>
public class AccountCommandsTests
{
    [Fact]
    public async Task AccountsListsTheOperatorsAndTheRegisteredNamesAndUnregisterFreesAName()
    {
        using var folder = new TemporaryDataFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        await using var server = AccountsTestKit.Start(folder.Path, o => o with { TimeProvider = time });
        var alice = await server.RegisterAsync("alice", "correct horse");
        await alice.LeaveAsync();

        var list = (await server.RunAsync("accounts")).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var root = await server.RunAsync("unregister root");
        var freed = await server.RunAsync("unregister ALICE");
        await using var anybody = await server.ConnectRawAsync();
        var welcome = Assert.IsType<Welcome>(await anybody.HelloAsync("alice", string.Empty));

        Assert.Equal(["1 operator account (--operator): root", "1 registered name:", "  alice (since 2026-12-02 08:00 UTC)"], list);
        Assert.StartsWith("root is an operator account of the configuration", root, StringComparison.Ordinal);
        Assert.Equal("Unregistered alice: anybody may use that name now.\n", freed.ReplaceLineEndings("\n"));
        Assert.False(welcome.Registered);
        Assert.Contains(server.Logs.Entries, static e => e.Message == "test console unregistered the name alice");
    }
}
