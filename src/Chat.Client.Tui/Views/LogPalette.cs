using Chat.Client.Tui.ViewModels;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Chat.Client.Tui.Views;

/// <summary>
/// The colours of the message log. Only the 16 basic colours are used, so the log looks the
/// same in a 16-colour console, in tmux and over SSH; the background is the view's own.
/// </summary>
internal static class LogPalette
{
    // Twelve nick colours that stay readable on a dark or a black background.
    private static readonly ColorName16[] NickColorNames =
    [
        ColorName16.BrightRed, ColorName16.BrightGreen, ColorName16.BrightYellow, ColorName16.BrightBlue,
        ColorName16.BrightMagenta, ColorName16.BrightCyan, ColorName16.Red, ColorName16.Green,
        ColorName16.Yellow, ColorName16.Cyan, ColorName16.Magenta, ColorName16.Blue,
    ];

    /// <summary>The attribute for a styled segment.</summary>
    /// <param name="segment">The segment.</param>
    /// <param name="normal">The view's normal attribute, whose background is kept.</param>
    public static Attribute For(LogSegment segment, Attribute normal)
    {
        var background = normal.Background;
        return segment.Style switch
        {
            LogStyle.Time => new Attribute(ColorName16.DarkGray, background),
            LogStyle.Nick => new Attribute(NickColorNames[segment.NickColor % NickColorNames.Length], background),
            LogStyle.OwnNick => new Attribute(ColorName16.White, background, TextStyle.Bold),
            LogStyle.Punctuation => new Attribute(ColorName16.DarkGray, background),
            LogStyle.OwnText => new Attribute(ColorName16.White, background),
            LogStyle.Mention => new Attribute(ColorName16.Black, ColorName16.BrightYellow),
            LogStyle.Action => new Attribute(ColorName16.BrightMagenta, background, TextStyle.Italic),
            LogStyle.Private => new Attribute(ColorName16.BrightCyan, background, TextStyle.Bold),
            LogStyle.Notice => new Attribute(ColorName16.BrightYellow, background),
            LogStyle.Error => new Attribute(ColorName16.BrightRed, background, TextStyle.Bold),
            LogStyle.Join => new Attribute(ColorName16.Green, background),
            LogStyle.Leave => new Attribute(ColorName16.DarkGray, background),
            LogStyle.Info => new Attribute(ColorName16.Cyan, background),
            _ => normal,
        };
    }

    /// <summary>The attribute for a user name in the user list.</summary>
    public static Attribute ForNick(string userName, bool own, Attribute normal) =>
        own
            ? new Attribute(ColorName16.White, normal.Background, TextStyle.Bold)
            : new Attribute(NickColorNames[NickColors.IndexOf(userName) % NickColorNames.Length], normal.Background);
}
