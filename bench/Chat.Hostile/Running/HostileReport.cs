using Chat.Hostile.Attacks;
using Chat.Hostile.Ordinary;

namespace Chat.Hostile.Running;

/// <summary>What a run did and what the server did about it.</summary>
/// <param name="Results">Every attack that ran, and how it ended.</param>
/// <param name="Failures">Attacks that failed in the tool itself (not the server's doing).</param>
/// <param name="Chat">What the ordinary users saw.</param>
/// <param name="Elapsed">The whole run.</param>
/// <param name="MemoryBefore">The server's memory before, when its pid was given.</param>
/// <param name="MemoryAfter">The server's memory after.</param>
internal sealed record HostileReport(
    IReadOnlyList<AttackResult> Results,
    IReadOnlyList<string> Failures,
    ChatReport Chat,
    TimeSpan Elapsed,
    ProcessMemory? MemoryBefore,
    ProcessMemory? MemoryAfter)
{
    /// <summary>Whether the run passes: the ordinary users lost nothing, and the server dealt with every attacker.</summary>
    public bool Passed => Chat.NothingLost && Failures.Count == 0 && Results.All(r => r.Ending != AttackEnding.StillOpen || AttackCatalogue.Find(r.Attack)?.MayStayOpen == true);

    /// <summary>Writes the report as a table and a verdict.</summary>
    public void WriteTo(TextWriter output)
    {
        output.WriteLine($"{Results.Count} attacks in {Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"{"attack",-22} {"runs",5} {"closed",7} {"reset",6} {"refused",8} {"open",5} {"ours",5}  errors received (code x count)       ms (median)");
        foreach (var group in Results.GroupBy(r => r.Attack).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var codes = group.SelectMany(r => r.Received.OfType<ErrorMessage>())
                .GroupBy(e => e.Fatal ? $"{e.Code}!" : e.Code.ToString())
                .Select(g => $"{g.Key} x{g.Count()}");
            var rejections = group.Select(r => r.Rejection).OfType<Rejected>().GroupBy(r => r.Reason).Select(g => $"rejected {g.Key} x{g.Count()}");
            var median = group.Select(r => r.Elapsed.TotalMilliseconds).Order().ElementAt(group.Count() / 2);
            output.WriteLine(
                $"{group.Key,-22} {group.Count(),5} {Count(group, AttackEnding.ClosedByServer),7} {Count(group, AttackEnding.ResetByServer),6} " +
                $"{Count(group, AttackEnding.Refused),8} {Count(group, AttackEnding.StillOpen),5} {Count(group, AttackEnding.AbandonedByAttacker),5}  {string.Join(", ", codes.Concat(rejections)),-35} {median,6:0}");
        }

        output.WriteLine("(closed: the server closed the connection; reset: it reset it; refused: no connection; open: still open when the attacker's patience ran out; ours: the attacker reset it; ! marks a fatal error)");
        foreach (var failure in Failures.Take(10))
        {
            output.WriteLine($"tool failure: {failure}");
        }

        output.WriteLine(
            $"ordinary users: {Chat.Sent} lines, {Chat.Missing.Count} lost, latency median {Chat.Percentile(0.5).TotalMilliseconds:0.0} ms, " +
            $"p99 {Chat.Percentile(0.99).TotalMilliseconds:0.0} ms, max {Chat.Percentile(1).TotalMilliseconds:0.0} ms");
        foreach (var problem in Chat.Missing.Concat(Chat.Problems).Take(10))
        {
            output.WriteLine($"  {problem}");
        }

        if (MemoryBefore is not null && MemoryAfter is not null)
        {
            output.WriteLine($"server memory: before {MemoryBefore}, after {MemoryAfter}");
        }

        output.WriteLine(Passed ? "PASS" : "FAIL");
    }

    private static int Count(IEnumerable<AttackResult> results, AttackEnding ending) => results.Count(r => r.Ending == ending);
}
