using Chat.Protocol;
using Chat.Server.Tests.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Moderation;

/// <summary>Mutes over real TCP: the muted user's lines and private messages are refused with when the mute ends; everyone else goes on.</summary>
public class MuteTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("ProtocolRule", "R7.68")]
    public async Task AMutedUserIsToldOnceAndItsLinesAreRefusedWhileOthersStillReachIt()
    {
        using var folder = new TemporaryDataFolder();
        var time = new FakeTimeProvider(s_start);
        await using var server = AccountsTestKit.Start(folder.Path, o => o with { TimeProvider = time });
        await using var alice = await server.ConnectRawAsync();
        await using var bob = await server.ConnectRawAsync();
        await alice.JoinAsync("alice");
        await bob.JoinAsync("bob");

        var answer = await server.RunAsync("mute alice 10m shouting");
        var told = await alice.ReceiveAsync<ErrorMessage>();
        await alice.SendAsync(new SendText("can anyone hear me?"));
        var refused = await alice.ReceiveAsync<ErrorMessage>();
        await alice.SendAsync(new SendPrivate("bob", "psst"));
        var refusedPrivate = await alice.ReceiveAsync<ErrorMessage>();
        await bob.SendAsync(new SendText("hello everyone"));
        var heard = await alice.ReceiveAsync<TextPosted>();
        var bobHears = await bob.ReceiveAsync<TextPosted>();

        var until = s_start.UtcDateTime.AddMinutes(10);
        Assert.Equal((ErrorCode.Muted, until, false), (told.Code, told.Until, told.Fatal));
        Assert.Equal("You were muted until 2026-12-02 08:10 UTC: shouting. Your lines and private messages are not sent meanwhile.", told.Text);
        Assert.Equal((ErrorCode.Muted, until), (refused.Code, refused.Until));
        Assert.Equal("You are muted until 2026-12-02 08:10 UTC; your message was not sent.", refused.Text);
        Assert.Equal(ErrorCode.Muted, refusedPrivate.Code);
        Assert.Equal(("bob", "hello everyone"), (heard.Author, heard.Text));
        Assert.Equal("bob", bobHears.Author); // alice's line never reached bob: bob's own is the first he sees
        Assert.StartsWith("Muted alice until 2026-12-02 08:10 UTC: shouting.", answer, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.68")]
    [Trait("ProtocolRule", "R7.63")]
    public async Task UnmuteOrTheMutesEndLetsTheUserSpeakAgain()
    {
        using var folder = new TemporaryDataFolder();
        var time = new FakeTimeProvider(s_start);
        await using var server = AccountsTestKit.Start(folder.Path, o => o with { TimeProvider = time, IdleTimeout = TimeSpan.Zero });
        await using var alice = await server.JoinRawAsync("alice");

        await server.RunAsync("mute alice");
        await alice.ReceiveAsync<ErrorMessage>();
        await alice.SendAsync(new ChangeName("alice2"));
        var rename = await alice.ReceiveAsync<ErrorMessage>();
        Assert.Equal("Lifted the mute of alice.\n", (await server.RunAsync("unmute alice")).ReplaceLineEndings("\n"));
        await alice.SendAsync(new SendText("back"));
        Assert.Equal("back", (await alice.ReceiveAsync<TextPosted>()).Text);

        await server.RunAsync("mute alice 1h");
        await alice.ReceiveAsync<ErrorMessage>();
        time.Advance(TimeSpan.FromHours(1));
        await alice.SendAsync(new SendText("free again"));
        Assert.Equal("free again", (await alice.ReceiveAsync<TextPosted>()).Text);

        Assert.Equal((ErrorCode.Muted, (DateTime?)null), (rename.Code, rename.Until));
        Assert.Equal("You are muted indefinitely; you cannot change your name meanwhile.", rename.Text);
    }
}
