namespace Chat.Client.Tui.ViewModels;

/// <summary>What a window not in view holds that the user has not seen, as the window bar marks it (irssi's activity levels).</summary>
public enum WindowActivity
{
    /// <summary>Nothing new, or only joins, departures and the client's own information.</summary>
    None,

    /// <summary>New lines: someone said something (marked <c>*</c>).</summary>
    Lines,

    /// <summary>A line that mentions this user, or a private message to them (marked <c>!</c>).</summary>
    Highlight,
}
