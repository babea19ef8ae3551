using System.Globalization;

namespace Chat.Server;

/// <summary>
/// How long a ban or a mute lasts, as the operator writes it: a number and a unit, <c>s</c>,
/// <c>m</c>, <c>h</c>, <c>d</c> or <c>w</c> (<c>30m</c>, <c>2h</c>, <c>7d</c>, <c>1w</c>), or several
/// of them together (<c>1h30m</c>). None means no end.
/// </summary>
internal static class BanDuration
{
    /// <summary>The longest duration accepted: ten years.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(3653);

    /// <summary>Reads a duration.</summary>
    /// <param name="text">Such as "30m", "2h", "1d12h".</param>
    /// <param name="duration">The duration, when the text is one.</param>
    /// <returns>Whether the text is a duration above zero and within <see cref="Max"/>.</returns>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start || i == text.Length || i - start > 6
                || !long.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return false;
            }

            TimeSpan unit;
            switch (char.ToLowerInvariant(text[i]))
            {
                case 's': unit = TimeSpan.FromSeconds(1); break;
                case 'm': unit = TimeSpan.FromMinutes(1); break;
                case 'h': unit = TimeSpan.FromHours(1); break;
                case 'd': unit = TimeSpan.FromDays(1); break;
                case 'w': unit = TimeSpan.FromDays(7); break;
                default: return false;
            }

            i++;
            duration += unit * count;
            if (duration > Max)
            {
                return false;
            }
        }

        return duration > TimeSpan.Zero;
    }

    /// <summary>A duration as the operator would write it: "2h", "1d12h", "45m".</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The largest units first, no zero parts; seconds only below a minute's precision.</returns>
    public static string Format(TimeSpan duration)
    {
        var parts = new List<string>();
        var c = CultureInfo.InvariantCulture;
        if (duration.Days > 0)
        {
            parts.Add(string.Create(c, $"{duration.Days}d"));
        }

        if (duration.Hours > 0)
        {
            parts.Add(string.Create(c, $"{duration.Hours}h"));
        }

        if (duration.Minutes > 0)
        {
            parts.Add(string.Create(c, $"{duration.Minutes}m"));
        }

        if (duration.Seconds > 0 || parts.Count == 0)
        {
            parts.Add(string.Create(c, $"{duration.Seconds}s"));
        }

        return string.Concat(parts);
    }
}
