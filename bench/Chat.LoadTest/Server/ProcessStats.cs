using System.Globalization;

namespace Chat.LoadTest.Server;

/// <summary>
/// A process's CPU time and memory, read from Linux's /proc: utime + stime from
/// <c>/proc/PID/stat</c>, VmRSS and VmHWM (peak resident set) from <c>/proc/PID/status</c>.
/// </summary>
/// <param name="CpuSeconds">User plus system CPU time consumed so far, in seconds.</param>
/// <param name="RssBytes">Resident memory now.</param>
/// <param name="PeakRssBytes">The highest resident memory so far.</param>
internal sealed record ProcessStats(double CpuSeconds, long RssBytes, long PeakRssBytes)
{
    // The kernel's USER_HZ: 100 on every Linux that .NET runs on.
    private const double ClockTicksPerSecond = 100;

    /// <summary>Reads the figures of process <paramref name="pid"/>; <see langword="null"/> when they cannot be read.</summary>
    public static ProcessStats? TryRead(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) may hold spaces and parentheses: count fields after its closing ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture); // field 14
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture); // field 15

            long rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = ParseKilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = ParseKilobytes(line);
                }
            }

            return new ProcessStats((utime + stime) / ClockTicksPerSecond, rss, peak);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static long ParseKilobytes(string line)
    {
        // "VmRSS:\t   12345 kB"
        var value = line.AsSpan(line.IndexOf(':') + 1).Trim();
        var space = value.IndexOf(' ');
        return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture) * 1024;
    }
}
