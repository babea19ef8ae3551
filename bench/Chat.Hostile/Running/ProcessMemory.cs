using System.Globalization;

namespace Chat.Hostile.Running;

/// <summary>A process's resident memory and its peak, from /proc (Linux only).</summary>
/// <param name="ResidentBytes">VmRSS.</param>
/// <param name="PeakBytes">VmHWM, the high-water mark of VmRSS.</param>
internal sealed record ProcessMemory(long ResidentBytes, long PeakBytes)
{
    /// <summary>Reads the figures of process <paramref name="pid"/>; <see langword="null"/> when they cannot be read.</summary>
    public static ProcessMemory? Read(int pid)
    {
        try
        {
            var lines = File.ReadAllLines($"/proc/{pid}/status");
            return new ProcessMemory(Field(lines, "VmRSS:"), Field(lines, "VmHWM:"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public override string ToString() => $"{ResidentBytes / 1048576.0:0.0} MiB resident (peak {PeakBytes / 1048576.0:0.0} MiB)";

    private static long Field(string[] lines, string name)
    {
        var line = lines.First(l => l.StartsWith(name, StringComparison.Ordinal));
        var kib = line[name.Length..].Trim().Split(' ')[0];
        return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }
}
