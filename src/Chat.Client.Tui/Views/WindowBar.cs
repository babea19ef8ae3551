using Chat.Client.Tui.ViewModels;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace Chat.Client.Tui.Views;

/// <summary>
/// One row listing the windows, irssi's way: <c>[1:#lobby] 2:#dev* 3:bob!</c> — the window in
/// view in brackets, <c>*</c> after one with new lines, <c>!</c> after one with a mention or a
/// private message, each also in its own colour (or, without colour, bold and underlined).
/// When the entries do not fit, the row starts late enough to show the current one.
/// </summary>
internal sealed class WindowBar : View
{
    private readonly WindowList _windows;
    private readonly LogPalette _palette;

    public WindowBar(WindowList windows, LogPalette palette)
    {
        _windows = windows;
        _palette = palette;
        Height = 1;
        CanFocus = false;
        _windows.Changed += OnWindowsChanged;
    }

    /// <summary>The row's text as drawn at <paramref name="width"/> columns.</summary>
    public string TextAt(int width) => string.Join(' ', Shown(width).Select(e => e.Text));

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var width = Viewport.Width;
        var normal = GetAttributeForRole(VisualRole.Normal);
        Move(0, 0);
        var used = 0;
        foreach (var entry in Shown(width))
        {
            if (used > 0 && used < width)
            {
                SetAttribute(normal);
                AddStr(" ");
                used++;
            }

            var text = TerminalText.Clip(entry.Text, width - used);
            SetAttribute(_palette.ForWindowBar(entry, normal));
            AddStr(TerminalText.Display(text));
            used += TerminalText.Columns(text);
        }

        if (used < width)
        {
            SetAttribute(normal);
            AddStr(new string(' ', width - used));
        }

        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _windows.Changed -= OnWindowsChanged;
        }

        base.Dispose(disposing);
    }

    /// <summary>The entries that fit, starting late enough for the current one to be among them.</summary>
    private List<WindowBarEntry> Shown(int width)
    {
        var entries = _windows.Entries;
        var current = Math.Max(0, entries.ToList().FindIndex(e => e.IsCurrent));
        var first = 0;
        while (first < current && Columns(entries, first, current) > width)
        {
            first++;
        }

        return [.. entries.Skip(first)];
    }

    /// <summary>The columns entries <paramref name="from"/> to <paramref name="to"/> take, with a space between each.</summary>
    private static int Columns(IReadOnlyList<WindowBarEntry> entries, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Sum(i => TerminalText.Columns(entries[i].Text)) + (to - from);

    private void OnWindowsChanged(object? sender, EventArgs e) => SetNeedsDraw();
}
