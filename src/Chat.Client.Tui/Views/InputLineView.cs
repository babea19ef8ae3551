using Chat.Client.Tui.ViewModels;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Client.Tui.Views;

/// <summary>
/// A one-row view of an <see cref="InputLine"/>: draws the part of the line around the cursor
/// (scrolling sideways as the cursor moves), wide characters in two cells, and turns the Unix
/// editing keys into edits. Drawing looks only at the clusters between the first visible one
/// and the cursor, so a key costs the same on a 4,000-character line as on a short one.
/// Keys it does not use (Enter, Tab, Up, Down, PgUp, ...) go on to its <see cref="View.KeyDown"/>
/// handlers and the window.
/// </summary>
internal sealed class InputLineView : View
{
    private readonly Queue<(int Start, int Columns)> _visible = new();
    private int _scroll;

    public InputLineView(InputLine line)
    {
        Line = line;
        CanFocus = true;
        Height = 1;
        Cursor = new Cursor { Style = TextField.DefaultCursorStyle };
        line.Changed += (_, _) => SetNeedsDraw();
    }

    /// <summary>The text being edited.</summary>
    public InputLine Line { get; }

    /// <summary>The index of the first character drawn (the line scrolled sideways).</summary>
    public int FirstVisible => _scroll;

    protected override bool OnKeyDown(Key key)
    {
        if (EditFor(key) is { } edit)
        {
            edit(Line);
            return true;
        }

        if (!key.IsCtrl && !key.IsAlt && key.AsGrapheme is { Length: > 0 } typed && !char.IsControl(typed[0]))
        {
            Line.Insert(typed);
            return true;
        }

        return false;
    }

    protected override bool OnPaste(string text)
    {
        // One line at a time: the window decides what a paste of several lines does.
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        Line.Insert(end < 0 ? text : text[..end]);
        return true;
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var width = Viewport.Width;
        var attribute = GetAttributeForRole(VisualRole.Editable);
        SetAttribute(attribute);
        Move(0, 0);
        if (width <= 0)
        {
            return true;
        }

        ScrollToCursor(width);
        var used = DrawVisible(width, out var cursorColumn);
        if (used < width)
        {
            AddStr(new string(' ', width - used));
        }

        Cursor = Cursor with { Position = HasFocus ? ViewportToScreen(new System.Drawing.Point(cursorColumn, 0)) : null };
        return true;
    }

    protected override void OnHasFocusChanged(bool newHasFocus, View? previousFocusedView, View? view) => SetNeedsDraw();

    /// <summary>The edit a key makes, or <see langword="null"/> when the key is not an editing key.</summary>
    private static Action<InputLine>? EditFor(Key key)
    {
        if (key == Key.A.WithCtrl || key == Key.Home)
        {
            return l => l.MoveHome();
        }

        if (key == Key.E.WithCtrl || key == Key.End)
        {
            return l => l.MoveEnd();
        }

        if (key == Key.B.WithCtrl || key == Key.CursorLeft)
        {
            return l => l.MoveLeft();
        }

        if (key == Key.F.WithCtrl || key == Key.CursorRight)
        {
            return l => l.MoveRight();
        }

        if (key == Key.B.WithAlt || key == Key.CursorLeft.WithCtrl)
        {
            return l => l.MoveWordLeft();
        }

        if (key == Key.F.WithAlt || key == Key.CursorRight.WithCtrl)
        {
            return l => l.MoveWordRight();
        }

        // Terminal.Gui reports ^H as Ctrl+Backspace; readline and terminals set to send ^H for Backspace mean "delete a character".
        if (key == Key.Backspace || key == Key.H.WithCtrl || key == Key.Backspace.WithCtrl)
        {
            return l => l.DeleteBackward();
        }

        if (key == Key.Delete || key == Key.D.WithCtrl)
        {
            return l => l.DeleteForward();
        }

        if (key == Key.U.WithCtrl)
        {
            return l => l.KillToStart();
        }

        if (key == Key.K.WithCtrl)
        {
            return l => l.KillToEnd();
        }

        if (key == Key.W.WithCtrl)
        {
            return l => l.KillSpaceDelimitedWordBackward();
        }

        // ESC ^H (Alt+Backspace where Backspace sends ^H) arrives as Alt+Ctrl+H.
        if (key == Key.Backspace.WithAlt || key == Key.H.WithCtrl.WithAlt || key == Key.Backspace.WithCtrl.WithAlt)
        {
            return l => l.KillWordBackward();
        }

        if (key == Key.D.WithAlt || key == Key.Delete.WithCtrl)
        {
            return l => l.KillWordForward();
        }

        if (key == Key.Y.WithCtrl)
        {
            return l => l.Yank();
        }

        return null;
    }

    /// <summary>The columns a cluster takes; printable ASCII without allocating.</summary>
    private static int Columns(ReadOnlySpan<char> cluster) =>
        cluster.Length == 1 && cluster[0] is >= ' ' and <= '~' ? 1 : TerminalText.Columns(cluster.ToString());

    /// <summary>
    /// Moves the first visible character so that the cursor is in view: left of the window, the
    /// cursor comes back to the middle; right of it, the cursor stays on the last column; and
    /// when the text after the window's start is shorter than the window, earlier text fills it.
    /// </summary>
    private void ScrollToCursor(int width)
    {
        var cursor = Line.Cursor;
        if (_scroll > Line.Length)
        {
            _scroll = 0;
        }

        var budget = Math.Max(0, width - 1);
        if (cursor < _scroll)
        {
            _scroll = StartShowing(AnchorBefore(cursor), cursor, budget / 2);
            return;
        }

        _scroll = StartShowing(_scroll, cursor, budget);

        // Fill the window from the left when the line ends before the window does (after deleting at the end).
        var shown = ColumnsBetween(_scroll, Line.Length, budget + 1);
        while (_scroll > 0 && shown < budget)
        {
            var previous = Line.PreviousBoundary(_scroll);
            var columns = Columns(Line.Span[previous.._scroll]);
            if (shown + columns > budget)
            {
                break;
            }

            shown += columns;
            _scroll = previous;
        }
    }

    /// <summary>The earliest start, walking from <paramref name="from"/> to <paramref name="cursor"/>, that leaves at most <paramref name="budget"/> columns before the cursor.</summary>
    private int StartShowing(int from, int cursor, int budget)
    {
        _visible.Clear();
        var sum = 0;
        var start = from;
        var span = Line.Span;
        for (var i = from; i < cursor;)
        {
            var next = Line.NextBoundary(i);
            var columns = Columns(span[i..next]);
            _visible.Enqueue((i, columns));
            sum += columns;
            while (sum > budget && _visible.Count > 0)
            {
                sum -= _visible.Dequeue().Columns;
                start = _visible.Count > 0 ? _visible.Peek().Start : next;
            }

            i = next;
        }

        return start;
    }

    /// <summary>A boundary at or before <paramref name="index"/> that is at least a window's width of text earlier when the text allows.</summary>
    private int AnchorBefore(int index)
    {
        var anchor = index;
        for (var steps = 0; anchor > 0 && steps < Math.Max(1, Viewport.Width); steps++)
        {
            anchor = Line.PreviousBoundary(anchor);
        }

        return anchor;
    }

    private int ColumnsBetween(int start, int end, int limit)
    {
        var columns = 0;
        var span = Line.Span;
        for (var i = start; i < end && columns < limit;)
        {
            var next = Line.NextBoundary(i);
            columns += Columns(span[i..next]);
            i = next;
        }

        return columns;
    }

    /// <summary>Draws the clusters from the first visible one while they fit; runs of ASCII go out in one call.</summary>
    private int DrawVisible(int width, out int cursorColumn)
    {
        var span = Line.Span;
        var cursor = Line.Cursor;
        var used = 0;
        var runStart = _scroll;
        var i = _scroll;
        cursorColumn = 0;
        while (i < span.Length)
        {
            if (i == cursor)
            {
                cursorColumn = used;
            }

            var next = Line.NextBoundary(i);
            var columns = Columns(span[i..next]);
            if (used + columns > width)
            {
                break;
            }

            var ascii = next == i + 1 && span[i] is >= ' ' and <= '~';
            if (!ascii)
            {
                Flush(span, runStart, i);
                if (columns > 0)
                {
                    AddStr(TerminalText.Display(span[i..next].ToString()));
                }

                runStart = next;
            }

            used += columns;
            i = next;
        }

        Flush(span, runStart, i);
        if (i == cursor)
        {
            cursorColumn = Math.Min(used, width - 1);
        }

        return used;
    }

    private void Flush(ReadOnlySpan<char> span, int start, int end)
    {
        if (end > start)
        {
            AddStr(span[start..end].ToString());
        }
    }
}
