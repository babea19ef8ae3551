using System.Collections.Concurrent;
using System.Diagnostics;
using Chat.Hostile.Attacks;
using Chat.Hostile.Ordinary;

namespace Chat.Hostile.Running;

/// <summary>
/// Runs attacks against a server for a while, several at once, while two ordinary users chat,
/// and gathers what happened.
/// </summary>
internal static class HostileRun
{
    /// <summary>Runs the attacks and the ordinary users, and returns the report.</summary>
    public static async Task<HostileReport> RunAsync(HostileSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var memoryBefore = settings.ServerPid is { } pid ? ProcessMemory.Read(pid) : null;
        var results = new ConcurrentQueue<AttackResult>();
        var failures = new ConcurrentQueue<string>();
        var started = Stopwatch.GetTimestamp();
        var next = -1;

        await using var users = await OrdinaryUsers.JoinAsync(settings.Server.Address.ToString(), settings.Server.Port, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(settings.Duration);

        async Task AttackerAsync(int seed)
        {
            var random = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                var attack = settings.Attacks[Interlocked.Increment(ref next) % settings.Attacks.Count];
                try
                {
                    results.Enqueue(await attack.RunAsync(settings.Target, random, cancellationToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures.Enqueue($"{attack.Name}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        var attackers = Enumerable.Range(1, settings.Attackers).Select(AttackerAsync).ToList();

        // The ordinary users post one line each per interval for as long as attacks start.
        var chat = new List<ChatReport>();
        while (!stop.IsCancellationRequested)
        {
            chat.Add(await users.ExchangeAsync(1, TimeSpan.Zero, settings.Patience, cancellationToken));
            try
            {
                await Task.Delay(settings.LineInterval, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
            }

            var done = results.Count;
            progress.Write($"\r{Stopwatch.GetElapsedTime(started).TotalSeconds,5:0.0} s: {done} attacks done");
        }

        progress.WriteLine();
        await Task.WhenAll(attackers);
        chat.Add(await users.ExchangeAsync(1, TimeSpan.Zero, settings.Patience, cancellationToken));

        var memoryAfter = settings.ServerPid is { } p ? ProcessMemory.Read(p) : null;
        return new HostileReport(
            [.. results],
            [.. failures],
            new ChatReport(
                chat.Sum(c => c.Sent),
                [.. chat.SelectMany(c => c.Missing)],
                [.. chat.SelectMany(c => c.Latencies)],
                [.. chat.SelectMany(c => c.Problems).Distinct()]),
            Stopwatch.GetElapsedTime(started),
            memoryBefore,
            memoryAfter);
    }
}
