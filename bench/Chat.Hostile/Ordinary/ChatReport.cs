namespace Chat.Hostile.Ordinary;

/// <summary>What two ordinary users saw of each other while the server was under attack.</summary>
/// <param name="Sent">Lines the two users posted.</param>
/// <param name="Missing">Lines (their own or the other's) that one of them never saw, as "who: text".</param>
/// <param name="Latencies">For every line a user saw come back, from sending it to seeing it.</param>
/// <param name="Problems">Anything else that went wrong for them: a session that ended, a refused line.</param>
internal sealed record ChatReport(int Sent, IReadOnlyList<string> Missing, IReadOnlyList<TimeSpan> Latencies, IReadOnlyList<string> Problems)
{
    /// <summary>Whether both users saw every line and nothing else went wrong.</summary>
    public bool NothingLost => Missing.Count == 0 && Problems.Count == 0;

    /// <summary>The latency at quantile <paramref name="q"/> (0 to 1), or zero when none was measured.</summary>
    public TimeSpan Percentile(double q)
    {
        if (Latencies.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = Latencies.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public override string ToString() =>
        $"{Sent} lines sent, {Missing.Count} missing, {Problems.Count} problems" +
        (Missing.Count + Problems.Count > 0 ? $": {string.Join("; ", Problems.Concat(Missing).Take(10))}" : string.Empty);
}
