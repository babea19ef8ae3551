using System.Diagnostics;
using System.Globalization;

namespace Chat.Server;

/// <summary>The console's <c>stats</c>: the server's figures, from its meter (as the metrics endpoint shows them) and the runtime.</summary>
internal sealed partial class OperatorConsole
{
    private void ShowStats()
    {
        var metrics = server.MetricsSnapshot().ToDictionary(static family => family.Name, StringComparer.Ordinal);
        long Total(string name) => metrics.TryGetValue(name, out var family) ? family.Samples.Sum(static sample => sample.Value) : 0;
        IEnumerable<(string Reason, long Count)> ByReason(string name) =>
            metrics.TryGetValue(name, out var family)
                ? family.Samples
                    .Where(static sample => sample.Value != 0)
                    .Select(static sample => (sample.Labels.FirstOrDefault(static l => l.Key == "reason").Value ?? "other", sample.Value))
                    .OrderByDescending(static pair => pair.Value)
                    .ThenBy(static pair => pair.Item1, StringComparer.Ordinal)
                : [];

        var c = CultureInfo.InvariantCulture;
        var disconnects = ByReason("chatroom_disconnects_total").ToList();
        var closed = disconnects.Sum(static pair => pair.Count);
        var open = Total("chatroom_connections"); // from the meter, as the disconnects are: the two agree
        var uptime = server.StartedAt is { } started ? server.Options.TimeProvider.GetUtcNow() - started : TimeSpan.Zero;

        Write(string.Create(c, $"Uptime:       {Duration.Short(uptime)} (since {server.StartedAt:yyyy-MM-dd HH:mm:ss} UTC)"));
        Write(string.Create(c, $"Connections:  {open} open, {open + closed} since start"));
        Write(string.Create(c, $"Users:        {server.Users.Count}"));
        Write(string.Create(c, $"Rooms:        {server.Rooms.All().Count}"));
        Write(string.Create(c, $"Lines:        {Total("chatroom_lines_posted_total")} posted, {Total("chatroom_messages_received_total")} messages received"));
        Write(string.Create(c, $"Deliveries:   {Total("chatroom_deliveries_total")}"));
        Write(string.Create(c, $"Rate limited: {Total("chatroom_messages_rate_limited_total")} messages refused"));
        Write($"Refusals:     {Reasons(ByReason("chatroom_refusals_total"))}");
        Write($"Disconnects:  {Reasons(disconnects)}");
        Write(string.Create(c, $"Evictions:    {Count(disconnects, "evicted")} (not past hello, dropped to make room); slow consumers dropped: {Count(disconnects, "slow_consumer")}"));
        using var process = Process.GetCurrentProcess();
        Write($"Memory:       GC heap {Bytes(GC.GetTotalMemory(forceFullCollection: false))}, working set {Bytes(process.WorkingSet64)}, {Bytes(GC.GetTotalAllocatedBytes())} allocated since start");
    }

    private static long Count(IEnumerable<(string Reason, long Count)> counts, string reason) =>
        counts.Where(pair => pair.Reason == reason).Sum(static pair => pair.Count);

    /// <summary>"12 (server_full 10, users_per_address 2)", or "0".</summary>
    private static string Reasons(IEnumerable<(string Reason, long Count)> counts)
    {
        var list = counts.ToList();
        var total = list.Sum(static pair => pair.Count);
        return list.Count == 0
            ? "0"
            : string.Create(CultureInfo.InvariantCulture, $"{total} ({string.Join(", ", list.Select(static pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Reason} {pair.Count}")))})");
    }

    /// <summary>A size in bytes for people: "512 B", "3.4 MiB".</summary>
    private static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
