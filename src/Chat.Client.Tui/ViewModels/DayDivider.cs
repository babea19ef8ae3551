using System.Globalization;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The "day changed" divider the log shows between two lines of different days (in the user's
/// time zone: the lines' times are local already): "── Wednesday 2 December 2026 ──".
/// </summary>
public static class DayDivider
{
    /// <summary>Whether a divider goes between <paramref name="previous"/> and <paramref name="line"/>.</summary>
    /// <param name="previous">The line above, or <see langword="null"/> at the top of the log.</param>
    /// <param name="line">The line below.</param>
    public static bool Between(LogLine? previous, LogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return previous is not null && previous.Time.Date != line.Time.Date;
    }

    /// <summary>The divider's text for the day of <paramref name="day"/>.</summary>
    /// <param name="day">A time on that day, local.</param>
    public static string Text(DateTime day) =>
        "── " + day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture) + " ──";
}
