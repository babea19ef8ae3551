using Chat.Protocol;
using static Chat.Hostile.Attacks.AttackCatalogue;

namespace Chat.Server.Tests.Hostile;

/// <summary>Attacks by volume: floods of lines, and members that never read.</summary>
public class FloodAttackTests
{
    [Fact]
    public async Task AFloodOfLinesIsCutOffAfterTheBurstAndNoFloodLineReachesAnyone()
    {
        await using var harness = await HostileHarness.StartAsync();

        var results = await harness.AttackAsync(LineFlood, LineFlood);

        foreach (var result in results)
        {
            AssertAttack.EndedWith(result, ErrorCode.RateLimited);
            var posted = result.Received.OfType<TextPosted>().Count(line => line.Author == result.JoinedAs);
            Assert.InRange(posted, 1, harness.Server.Server.Options.MessageBurst);
        }
    }

    [Fact]
    public async Task AFloodOfPongsIsCutOffByTheFrameBudget()
    {
        await using var harness = await HostileHarness.StartAsync();

        var result = await harness.AttackOnceAsync(FrameFlood);

        // Pongs are not messages the rate limit counts, but every frame counts toward the budget.
        var error = AssertAttack.EndedWith(result, ErrorCode.RateLimited);
        Assert.Contains("frames", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersThatNeverReadAreDroppedWhileTheOthersLoseNothing()
    {
        // No rate limit, a short queue: the talker below fills the readers' queues quickly. They
        // keep talking, so a long idle timeout does not save them, and spares a busy machine's
        // ordinary users from having to answer pings in a hurry.
        await using var harness = await HostileHarness.StartAsync(o => o with { SendQueueLength = 64, MessageRate = 0, IdleTimeout = TimeSpan.FromSeconds(30) });
        var allDropped = Task.WhenAll(Enumerable.Range(0, 4).Select(i => NeverReads.RunAsync(harness.AttackerAt(i), new Random(i))));
        var chat = harness.Users.ExchangeAsync(linesEach: 5, TimeSpan.Zero, TestTimeout.Value);

        // Someone talks in long lines, a few at a time, while the ordinary users chat; it waits
        // until it and the ordinary users have read each few, so that only the members that do not
        // read fall behind.
        await using var talker = await harness.Server.ConnectAsync("talker");
        var text = new string('x', 4000);
        var sent = 0;
        while (!allDropped.IsCompleted && sent < 20_000)
        {
            for (var i = 0; i < 8; i++)
            {
                await talker.SendAsync(text).AsTask().WithTimeout();
            }

            sent += 8;
            var last = (await talker.LinesAsync(8).WithTimeout())[^1];
            Assert.True(await harness.Users.AwaitLineAsync(last.Id, TestTimeout.Value).WithTimeout(), $"The ordinary users did not see line {last.Id}: {string.Join("; ", harness.Users.Problems)}");
        }

        var results = await allDropped.WithTimeout();
        foreach (var result in results)
        {
            // The server cut each one off. Its queue was dropped with it, so the fatal error may
            // not reach a client this far behind; if any error did, it says why.
            Assert.True(result.EndedByServer, result.ToString());
            Assert.All(result.Received.OfType<ErrorMessage>(), error => Assert.Equal((ErrorCode.SlowConsumer, true), (error.Code, error.Fatal)));
        }

        await harness.AssertAftermathAsync(await chat.WithTimeout(), results);
    }
}
