namespace Chat.Client.Tui.Settings;

/// <summary>How the log shows the time of each line.</summary>
public enum TimestampStyle
{
    /// <summary>Hours and minutes: <c>14:05</c>.</summary>
    Minutes = 0,

    /// <summary>Hours, minutes and seconds: <c>14:05:09</c>.</summary>
    Seconds = 1,

    /// <summary>No time at all.</summary>
    Off = 2,
}
