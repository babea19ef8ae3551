using System.Net;
using Chat.Protocol;
using Chat.Server.Tests.Accounts;
using Chat.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Moderation;

/// <summary>Bans over real TCP: at connect for addresses, at the hello for names, and of users online. Clients on 127.0.x.y play other addresses.</summary>
public class BanTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("ProtocolRule", "R7.65")]
    public async Task ABannedAddressIsRefusedAtConnectBeforeAnyHelloWithUntil()
    {
        using var folder = new TemporaryDataFolder();
        var time = new FakeTimeProvider(s_start);
        await using var server = AccountsTestKit.Start(folder.Path, o => o with { TimeProvider = time });
        var answer = await server.RunAsync("ban 127.0.0.2 2h flooding");
        await using var banned = await server.ConnectRawAsync(from: IPAddress.Parse("127.0.0.2"));

        var (messages, reset) = await banned.ReadToEndAsync();

        var error = Assert.IsType<ErrorMessage>(Assert.Single(messages));
        Assert.Equal((ErrorCode.Banned, true), (error.Code, error.Fatal));
        Assert.Equal(s_start.UtcDateTime.AddHours(2), error.Until);
        Assert.Equal("Your address is banned from this server until 2026-12-02 10:00 UTC: flooding.", error.Text);
        Assert.False(reset, "The refusal ended in a reset.");
        Assert.Equal("Banned 127.0.0.2 until 2026-12-02 10:00 UTC: flooding.\n", answer.ReplaceLineEndings("\n"));
        Assert.Equal(1, BannedRefusals(server));

        // Another address is not concerned.
        await using var alice = await server.JoinRawAsync("alice");
    }

    [Fact]
    [Trait("ProtocolRule", "R7.65")]
    public async Task ANetworkBanHoldsEveryAddressInItAndNoOther()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        await server.RunAsync("ban 127.0.1.0/24");
        await using var inside = await server.ConnectRawAsync(from: IPAddress.Parse("127.0.1.77"));
        await using var outside = await server.ConnectRawAsync(from: IPAddress.Parse("127.0.2.77"));

        var (messages, _) = await inside.ReadToEndAsync();
        var welcome = await outside.JoinAsync("carol");

        var error = Assert.IsType<ErrorMessage>(Assert.Single(messages));
        Assert.Equal((ErrorCode.Banned, (DateTime?)null), (error.Code, error.Until));
        Assert.Equal("Your address is banned from this server indefinitely.", error.Text);
        Assert.Equal("carol", welcome.UserName);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.66")]
    public async Task ABannedNameIsRejectedAtTheHelloSayingWhyAndUntilWhen()
    {
        using var folder = new TemporaryDataFolder();
        var time = new FakeTimeProvider(s_start);
        await using var server = AccountsTestKit.Start(folder.Path, o => o with { TimeProvider = time });
        await server.RunAsync("ban Mallory 7d spam");
        await using var mallory = await server.ConnectRawAsync();

        var rejected = Assert.IsType<Rejected>(await mallory.HelloAsync("mallory"));

        Assert.Equal((RejectReason.Banned, s_start.UtcDateTime.AddDays(7)), (rejected.Reason, rejected.Until));
        Assert.Equal("The name mallory is banned from this server until 2026-12-09 08:00 UTC: spam.", rejected.Text);
        Assert.Null(await mallory.ReceiveAsync());
        Assert.Equal(1, BannedRefusals(server));
        Assert.Contains(server.Logs.Entries, static e => e.Message.Contains("was refused (Banned)", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.67")]
    public async Task ABanDisconnectsTheUserOnlineAndTheReplyNamesItsAddress()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        await using var mallory = await server.ConnectRawAsync(from: IPAddress.Parse("127.0.0.9"));
        await using var bob = await server.JoinRawAsync("bob");
        await mallory.JoinAsync("mallory");
        await bob.ReceiveAsync<UsersJoined>(j => j.UserNames.Contains("mallory"));

        var answer = await server.RunAsync("ban mallory spam");

        var (messages, _) = await mallory.ReadToEndAsync();
        var error = Assert.IsType<ErrorMessage>(messages[^1]);
        Assert.Equal((ErrorCode.Banned, true, (DateTime?)null), (error.Code, error.Fatal, error.Until));
        Assert.Equal("You were banned from this server indefinitely: spam.", error.Text);
        var left = await bob.ReceiveAsync<UsersLeft>();
        Assert.Equal(("mallory", LeaveReason.Kicked), (left.Departures[0].UserName, left.Departures[0].Reason));
        Assert.Equal(
            [
                "Banned mallory indefinitely: spam.",
                "Disconnected mallory (127.0.0.9).",
                "mallory was connected from 127.0.0.9: ban 127.0.0.9 bans that address too.",
            ],
            answer.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.66")]
    public async Task AnExpiredBanLetsTheUserBackAndLeavesTheList()
    {
        using var folder = new TemporaryDataFolder();
        var time = new FakeTimeProvider(s_start);
        await using var server = AccountsTestKit.Start(folder.Path, o => o with { TimeProvider = time });
        await server.RunAsync("ban alice 30m");
        await using (var early = await server.ConnectRawAsync())
        {
            Assert.Equal(RejectReason.Banned, Assert.IsType<Rejected>(await early.HelloAsync("alice")).Reason);
            await early.ReadToEndAsync();
        }

        await Condition.UntilAsync(() => server.Server.ConnectionCount == 0, "the refused connection is closed");
        time.Advance(TimeSpan.FromMinutes(30));
        await using var later = await server.ConnectRawAsync();

        Assert.Equal("alice", (await later.JoinAsync("alice")).UserName);
        Assert.StartsWith("No bans.", await server.RunAsync("bans"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnbanLiftsABanAndBansListsWhomByWhomWhenUntilAndWhy()
    {
        using var folder = new TemporaryDataFolder();
        var time = new FakeTimeProvider(s_start);
        await using var server = AccountsTestKit.Start(folder.Path, o => o with { TimeProvider = time });
        await server.RunAsync("ban 2001:db8::/32 1w scanners");
        await server.RunAsync("ban eve");

        var list = (await server.RunAsync("bans")).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var lifted = await server.RunAsync("unban EVE");
        var again = await server.RunAsync("unban eve");

        Assert.Equal(
            [
                "2 bans:",
                "  TARGET         BY            SINCE                 UNTIL                 REASON",
                "  2001:db8::/32  test console  2026-12-02 08:00 UTC  2026-12-09 08:00 UTC  scanners",
                "  eve            test console  2026-12-02 08:00 UTC  no end",
                "No mutes.",
            ],
            list);
        Assert.Equal("Lifted the ban of eve.\n", lifted.ReplaceLineEndings("\n"));
        Assert.Equal("eve is not banned.\n", again.ReplaceLineEndings("\n"));
    }

    /// <summary>The refusals counted with reason "banned" (chatroom_refusals_total{reason="banned"}).</summary>
    private static long BannedRefusals(TestServer server) =>
        server.Server.MetricsSnapshot().Single(static f => f.Name == "chatroom_refusals_total").Samples
            .Where(static s => s.Labels.Contains(new KeyValuePair<string, string>("reason", "banned"))).Sum(static s => s.Value);
}
