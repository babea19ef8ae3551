namespace Chat.Client.Tui.ViewModels;

/// <summary>One window as the window bar shows it: <c>[1:#lobby]</c> for the current one, <c>2:#dev*</c>, <c>3:bob!</c>.</summary>
/// <param name="Number">The window's number (Alt+1 for 1).</param>
/// <param name="Label">The room's name, or the other party's name for a private conversation.</param>
/// <param name="Activity">What it holds that the user has not seen.</param>
/// <param name="IsCurrent">Whether it is the window in view.</param>
public sealed record WindowBarEntry(int Number, string Label, WindowActivity Activity, bool IsCurrent)
{
    /// <summary>The entry's text: the number and label, bracketed when current, followed by the activity's mark.</summary>
    public string Text => IsCurrent
        ? $"[{Number}:{Label}]"
        : $"{Number}:{Label}" + Activity switch
        {
            WindowActivity.Highlight => "!",
            WindowActivity.Lines => "*",
            _ => string.Empty,
        };
}
