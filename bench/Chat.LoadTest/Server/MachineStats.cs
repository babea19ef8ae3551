using System.Globalization;

namespace Chat.LoadTest.Server;

/// <summary>
/// The whole machine's CPU time, from the first line of /proc/stat: how much all processes
/// together used, so a report can tell how much went to processes other than the server and
/// the load generator (other work on a shared machine skews the figures).
/// </summary>
/// <param name="BusySeconds">CPU seconds spent on anything but idling, summed over every core, since boot.</param>
internal sealed record MachineStats(double BusySeconds)
{
    private const double ClockTicksPerSecond = 100;

    /// <summary>The number of cores.</summary>
    public static int Cores => Environment.ProcessorCount;

    /// <summary>The 1-minute load average, or <see langword="null"/> when it cannot be read.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ')), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    public static MachineStats? TryRead()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var line = reader.ReadLine();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return null;
            }

            // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user).
            var fields = line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0;
            for (var i = 0; i < Math.Min(fields.Length, 8); i++)
            {
                if (i is 3 or 4)
                {
                    continue; // idle, iowait
                }

                busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }

            return new MachineStats(busy / ClockTicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
