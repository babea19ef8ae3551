using System.Globalization;

namespace Chat.Server;

/// <summary>Durations as the console shows them: the two largest units, "42s", "5m07s", "3h12m", "2d04h".</summary>
internal static class Duration
{
    /// <summary>Formats a duration shortly; a negative one counts as zero.</summary>
    /// <param name="span">The duration.</param>
    /// <returns>Such as "0s", "59s", "1m00s", "23h59m", "12d03h".</returns>
    public static string Short(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var c = CultureInfo.InvariantCulture;
        return span.TotalDays >= 1 ? string.Create(c, $"{(int)span.TotalDays}d{span.Hours:00}h")
            : span.TotalHours >= 1 ? string.Create(c, $"{span.Hours}h{span.Minutes:00}m")
            : span.TotalMinutes >= 1 ? string.Create(c, $"{span.Minutes}m{span.Seconds:00}s")
            : string.Create(c, $"{span.Seconds}s");
    }
}
