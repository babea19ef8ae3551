using Chat.Protocol;
using Chat.Hostile.Attacks;
using static Chat.Hostile.Attacks.AttackCatalogue;

namespace Chat.Server.Tests.Hostile;

/// <summary>Attacks on the framing: bytes that are not frames, frames too large, frames that never end, slow senders, half-closes and resets.</summary>
public class FramingAttackTests
{
    [Fact]
    public async Task RandomBytesInsteadOfAHelloEndInAFatalErrorAndAClose()
    {
        await using var harness = await HostileHarness.StartAsync();

        var results = await harness.AttackAsync([.. Enumerable.Repeat(RandomBytes, 8)]);

        foreach (var result in results)
        {
            // A random prefix nearly always announces too much; a small one is a malformed body or an unfinished frame.
            Assert.True(result.EndedByServer, result.ToString());
            var error = Assert.IsType<ErrorMessage>(Assert.Single(result.Received));
            Assert.True(error.Fatal, result.ToString());
            Assert.Contains(error.Code, new[] { ErrorCode.FrameTooLarge, ErrorCode.ProtocolViolation, ErrorCode.HandshakeTimeout });
        }
    }

    [Fact]
    public async Task RandomFrameBodiesAfterJoiningAreAProtocolViolation()
    {
        await using var harness = await HostileHarness.StartAsync();

        var results = await harness.AttackAsync([.. Enumerable.Repeat(RandomFrames, 8)]);

        Assert.All(results, result => AssertAttack.ProtocolViolation(result, string.Empty));
    }

    [Fact]
    public async Task AFramePrefixAnnouncingFourGigabytesIsRefusedFromThePrefix()
    {
        await using var harness = await HostileHarness.StartAsync();

        var error = AssertAttack.EndedWith(await harness.AttackOnceAsync(HugeFrame), ErrorCode.FrameTooLarge);

        Assert.Contains("4294967295", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFrameThatNeverEndsIsDroppedWhenItsSenderFallsSilent()
    {
        await using var harness = await HostileHarness.StartAsync();

        AssertAttack.EndedWith(await harness.AttackOnceAsync(EndlessFrame), ErrorCode.IdleTimeout);
    }

    [Fact]
    public async Task AHelloSentAByteAtATimeIsCutOffAtTheHandshakeTimeout()
    {
        await using var harness = await HostileHarness.StartAsync();

        // The bytes keep coming, but the handshake's time counts from the connection, not from the last byte.
        AssertAttack.EndedWith(await harness.AttackOnceAsync(SlowlorisHello), ErrorCode.HandshakeTimeout);
    }

    [Fact]
    public async Task ALineSentAByteAtATimeIsCutOffAtTheIdleTimeout()
    {
        await using var harness = await HostileHarness.StartAsync();

        // Only a whole message counts as hearing from the client; the bytes of a frame do not.
        AssertAttack.EndedWith(await harness.AttackOnceAsync(SlowlorisLine), ErrorCode.IdleTimeout);
    }

    [Fact]
    public async Task AHalfCloseInsideAFrameEndsTheSessionAsABrokenFrame()
    {
        await using var harness = await HostileHarness.StartAsync();

        var result = await harness.AttackOnceAsync(HalfCloseMidFrame);

        Assert.True(result.EndedByServer, result.ToString());
        Assert.DoesNotContain(result.Received, m => m is TextPosted { Text: "never finished" });
        Assert.Contains(harness.Server.Logs.Entries, e => e.Message.Contains(result.JoinedAs!, StringComparison.Ordinal)
            && e.Message.Contains("in the middle of a frame", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AResetInsideAFrameEndsOnlyThatSession()
    {
        await using var harness = await HostileHarness.StartAsync();

        var results = await harness.AttackAsync([.. Enumerable.Repeat(ResetMidFrame, 4)]);

        // The harness saw each of them leave, and the ordinary users chat on.
        Assert.All(results, result => Assert.Equal(AttackEnding.AbandonedByAttacker, result.Ending));
        Assert.All(results, result => Assert.NotNull(result.JoinedAs));
    }

    [Fact]
    public async Task ConnectionsThatNeverSayHelloAreDroppedAtTheHandshakeTimeout()
    {
        await using var harness = await HostileHarness.StartAsync();

        var results = await harness.AttackAsync([.. Enumerable.Repeat(Silent, 20)]);

        Assert.All(results, result => AssertAttack.EndedWith(result, ErrorCode.HandshakeTimeout));
    }
}
