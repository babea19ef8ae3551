using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Accounts;

/// <summary>The slow password work runs a few at a time, whatever the number of logins waiting.</summary>
public class PasswordVerifierTests
{
    [Fact]
    public async Task AtMostTwoHashesRunAtOnceAndTheOthersWaitTheirTurn()
    {
        using var verifier = new PasswordVerifier(AccountsTestKit.Iterations);
        using var gate = new ManualResetEventSlim();
        var running = 0;
        var most = 0;
        int Work()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            gate.Wait(TestTimeout.Value);
            Interlocked.Decrement(ref running);
            return now;
        }

        var works = Enumerable.Range(0, 5).Select(_ => verifier.RunAsync(Work)).ToList();
        await Condition.UntilAsync(() => Volatile.Read(ref running) == PasswordVerifier.MaxConcurrent, "two hashes run");

        Assert.Equal(PasswordVerifier.MaxConcurrent, Volatile.Read(ref running));
        Assert.All(works, work => Assert.False(work.IsCompleted));
        gate.Set();
        await Task.WhenAll(works).WithTimeout();
        Assert.Equal(PasswordVerifier.MaxConcurrent, most);
    }

    [Fact]
    public async Task VerifyAndHashAgreeThroughTheVerifier()
    {
        using var verifier = new PasswordVerifier(AccountsTestKit.Iterations);

        var hash = await verifier.HashAsync("correct horse").WithTimeout();

        Assert.True(await verifier.VerifyAsync("correct horse", hash).WithTimeout());
        Assert.False(await verifier.VerifyAsync("wrong horse", hash).WithTimeout());
        Assert.StartsWith($"pbkdf2-sha256${AccountsTestKit.Iterations}$", hash, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
