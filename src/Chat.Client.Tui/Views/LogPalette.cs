using Chat.Client.Tui.ViewModels;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Chat.Client.Tui.Views;

/// <summary>
/// The colours of the message log. Only the 16 basic colours are used, so the log looks the
/// same in a 16-colour console, in tmux and over SSH; the background is the view's own.
/// <see cref="Mono"/> draws without colour (NO_COLOR, --mono): kinds of line are told apart by
/// bold, italic, underline and reverse video only.
/// </summary>
internal sealed class LogPalette
{
    // Twelve nick colours that stay readable on a dark or a black background.
    private static readonly ColorName16[] NickColorNames =
    [
        ColorName16.BrightRed, ColorName16.BrightGreen, ColorName16.BrightYellow, ColorName16.BrightBlue,
        ColorName16.BrightMagenta, ColorName16.BrightCyan, ColorName16.Red, ColorName16.Green,
        ColorName16.Yellow, ColorName16.Cyan, ColorName16.Magenta, ColorName16.Blue,
    ];

    private readonly bool _mono;

    private LogPalette(bool mono) => _mono = mono;

    /// <summary>The colours.</summary>
    public static LogPalette Color { get; } = new(mono: false);

    /// <summary>No colour at all.</summary>
    public static LogPalette Mono { get; } = new(mono: true);

    /// <summary>The scheme the windows and dialogs use without colour: white on black, focus in reverse video.</summary>
    public static Scheme MonoScheme { get; } = new(new Attribute(ColorName16.White, ColorName16.Black))
    {
        Focus = new Attribute(ColorName16.Black, ColorName16.White),
        HotFocus = new Attribute(ColorName16.Black, ColorName16.White, TextStyle.Underline),
        Active = new Attribute(ColorName16.Black, ColorName16.White),
        Highlight = new Attribute(ColorName16.Black, ColorName16.White),
        Editable = new Attribute(ColorName16.White, ColorName16.Black),
        ReadOnly = new Attribute(ColorName16.White, ColorName16.Black),
        Disabled = new Attribute(ColorName16.White, ColorName16.Black, TextStyle.Faint),
        HotNormal = new Attribute(ColorName16.White, ColorName16.Black, TextStyle.Underline),
        HotActive = new Attribute(ColorName16.Black, ColorName16.White, TextStyle.Underline),
    };

    /// <summary>Whether this palette draws without colour.</summary>
    public bool IsMono => _mono;

    /// <summary>The attribute for a styled segment.</summary>
    /// <param name="segment">The segment.</param>
    /// <param name="normal">The view's normal attribute, whose background is kept.</param>
    public Attribute For(LogSegment segment, Attribute normal) => _mono ? MonoFor(segment.Style, normal) : ColorFor(segment, normal);

    /// <summary>The attribute for a user name in the user list.</summary>
    public Attribute ForNick(string userName, bool own, Attribute normal)
    {
        if (_mono)
        {
            return own ? normal with { Style = TextStyle.Bold } : normal;
        }

        return own
            ? new Attribute(ColorName16.White, normal.Background, TextStyle.Bold)
            : new Attribute(NickColorNames[NickColors.IndexOf(userName) % NickColorNames.Length], normal.Background);
    }

    /// <summary>The attribute of a window in the window bar: reversed when in view; new lines bold; a mention or private message also underlined (in colour: magenta).</summary>
    public Attribute ForWindowBar(WindowBarEntry entry, Attribute normal)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.IsCurrent)
        {
            return normal with { Style = TextStyle.Reverse | TextStyle.Bold };
        }

        if (_mono)
        {
            return entry.Activity switch
            {
                WindowActivity.Highlight => normal with { Style = TextStyle.Bold | TextStyle.Underline },
                WindowActivity.Lines => normal with { Style = TextStyle.Bold },
                _ => normal,
            };
        }

        return entry.Activity switch
        {
            WindowActivity.Highlight => new Attribute(ColorName16.BrightMagenta, normal.Background, TextStyle.Bold),
            WindowActivity.Lines => new Attribute(ColorName16.BrightYellow, normal.Background, TextStyle.Bold),
            _ => normal,
        };
    }

    private static Attribute MonoFor(LogStyle style, Attribute normal) => style switch
    {
        LogStyle.OwnNick or LogStyle.Private or LogStyle.Error => normal with { Style = TextStyle.Bold },
        LogStyle.Mention => normal with { Style = TextStyle.Reverse },
        LogStyle.Action => normal with { Style = TextStyle.Italic },
        LogStyle.Notice => normal with { Style = TextStyle.Underline },
        LogStyle.Time or LogStyle.Punctuation or LogStyle.Leave => normal with { Style = TextStyle.Faint },
        LogStyle.Divider => normal with { Style = TextStyle.Bold },
        _ => normal,
    };

    private static Attribute ColorFor(LogSegment segment, Attribute normal)
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
            LogStyle.Divider => new Attribute(ColorName16.BrightBlue, background, TextStyle.Bold),
            _ => normal,
        };
    }
}
