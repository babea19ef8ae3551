using Chat.Hostile.Attacks;

namespace Chat.Server.Tests.Hostile;

/// <summary>Every attack at the same time, twice over, against one server.</summary>
public class EveryAttackAtOnceTests
{
    [Fact]
    public async Task EveryAttackAtOnceIsDealtWithAndTheOrdinaryUsersLoseNothing()
    {
        // A patience of eight seconds: the member that never reads (in a quiet room, not costly
        // enough to drop) stops talking then, and the idle timeout ends it. The attacker waits as
        // long again for that end: the harness's idle timeout (4 s) is checked a quarter of it late
        // at most, so 5 s, which leaves 3 s for a busy machine (5 s of patience once was too few).
        await using var harness = await HostileHarness.StartAsync(patience: TimeSpan.FromSeconds(8));

        var results = await harness.AttackAsync([.. AttackCatalogue.All, .. AttackCatalogue.All]);

        foreach (var result in results)
        {
            if (result.Attack == AttackCatalogue.ResetMidFrame.Name)
            {
                Assert.Equal(AttackEnding.AbandonedByAttacker, result.Ending);
                continue;
            }

            Assert.True(result.EndedByServer, $"Not dealt with: {result}");
            if (result.Attack != AttackCatalogue.UnknownIds.Name && result.Attack != AttackCatalogue.HalfCloseMidFrame.Name)
            {
                Assert.True(result.LastError is { Fatal: true }, $"No fatal error: {result}");
            }
        }
    }
}
