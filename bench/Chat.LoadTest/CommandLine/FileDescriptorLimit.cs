using System.Globalization;

namespace Chat.LoadTest.CommandLine;

/// <summary>This process's limit on open files (sockets count), from /proc/self/limits.</summary>
internal static class FileDescriptorLimit
{
    /// <summary>The soft limit, or <see langword="null"/> when it cannot be read or is unlimited.</summary>
    public static long? Read()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : null;
                }
            }
        }
        catch (IOException)
        {
            // Not Linux, or no /proc.
        }

        return null;
    }
}
