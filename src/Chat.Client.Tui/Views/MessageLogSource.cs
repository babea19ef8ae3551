using System.Collections;
using System.Collections.Specialized;
using Chat.Client.Tui.Settings;
using Chat.Client.Tui.ViewModels;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Chat.Client.Tui.Views;

/// <summary>
/// The message log as rows of a <see cref="ListView"/>: each log line wrapped to the view's
/// width, drawn in colour. Appending costs the same at any size (only the new line is wrapped,
/// nothing is rescanned), which the built-in list wrapper cannot do.
/// </summary>
internal sealed class MessageLogSource : IListDataSource
{
    private readonly MessageLog _log;
    private readonly LogPalette _palette;
    private readonly List<LogRow> _rows = [];
    private readonly TimestampStyle _timestamps;
    private DateOnly? _today;
    private int _width;

    public MessageLogSource(MessageLog log, int width, TimestampStyle timestamps = TimestampStyle.Minutes, LogPalette? palette = null, DateOnly? today = null)
    {
        _log = log;
        _today = today;
        _timestamps = timestamps;
        _palette = palette ?? LogPalette.Color;
        _width = Math.Max(1, width);
        _log.Appended += OnAppended;
        _log.Inserted += OnInserted;
        _log.Replaced += OnReplaced;
        _log.Cleared += OnCleared;
        WrapFrom(0);
    }

    public event NotifyCollectionChangedEventHandler? CollectionChanged;

    /// <summary>Raised after rows were added (or taken away) before the end: the first row changed and how many rows it added.</summary>
    public event EventHandler<(int Row, int Added)>? RowsInserted;

    public int Count => _rows.Count;

    /// <summary>Rows are wrapped to the view, so nothing is wider than it.</summary>
    public int MaxItemLength => _width;

    public bool SuspendCollectionChangedEvent { get; set; }

    /// <summary>The width the rows are wrapped to.</summary>
    public int Width => _width;

    /// <summary>Wraps every line again for a new width (the terminal was resized).</summary>
    public void SetWidth(int width)
    {
        width = Math.Max(1, width);
        if (width == _width)
        {
            return;
        }

        _width = width;
        _rows.Clear();
        WrapFrom(0);
        Changed();
    }

    /// <summary>Today, in the user's time zone: lines of other days show their date. <see langword="null"/> shows times only.</summary>
    public DateOnly? Today => _today;

    /// <summary>The day changed: the lines that were today's now show their date, so every line is wrapped again.</summary>
    public void SetToday(DateOnly today)
    {
        if (_today == today)
        {
            return;
        }

        _today = today;
        _rows.Clear();
        WrapFrom(0);
        Changed();
    }

    /// <summary>The log line a row belongs to.</summary>
    public int LineAt(int row) => _rows.Count == 0 ? 0 : _rows[Math.Clamp(row, 0, _rows.Count - 1)].Line;

    /// <summary>The first row of a log line.</summary>
    public int FirstRowOf(int line)
    {
        int low = 0, high = _rows.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_rows[middle].Line < line)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    public bool IsMarked(int item) => false;

    public void SetMark(int item, bool value)
    {
        // The log has no marks.
    }

    public bool RenderMark(ListView listView, int item, int row, bool isMarked, bool markMultiple) => false;

    /// <summary>The rows as plain text (used by the list's type-to-search).</summary>
    public IList ToList() => Enumerable.Range(0, _rows.Count).Select(RowText).ToList();

    /// <summary>One row as plain text, as it appears on screen.</summary>
    public string RowText(int item)
    {
        var row = _rows[item];
        if (row.Day)
        {
            return DayDivider.Text(_log[row.Line].Time);
        }

        var line = LineFormatter.Format(_log[row.Line], _timestamps, _today);
        var body = LineWrapper.BodyText(line)[row.Start..row.End];
        return row.First
            ? string.Concat(line.Prefix.Select(s => s.Text)) + body
            : new string(' ', LineWrapper.Indent(LineWrapper.PrefixColumns(line), _width)) + body;
    }

    public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX)
    {
        var normal = listView.GetAttributeForRole(VisualRole.Normal);
        var highlight = selected && listView.HasFocus;
        listView.Move(col, row);
        var used = 0;
        if (item >= 0 && item < _rows.Count)
        {
            var logRow = _rows[item];
            var logLine = _log[logRow.Line];
            var line = LineFormatter.Format(logLine, _timestamps, _today);
            highlight |= logLine.Marked && !logRow.Day;
            var faint = logLine.History && !logRow.Day;
            if (logRow.Day)
            {
                var divider = new LogSegment(DayDivider.Text(logLine.Time), LogStyle.Divider);
                used += Draw(listView, divider.Text, Style(divider, normal, highlight: false), width);
                line = new FormattedLine([], []);
            }
            else if (logRow.First)
            {
                foreach (var segment in line.Prefix)
                {
                    used += Draw(listView, segment.Text, Style(segment, normal, highlight, faint), width - used);
                }
            }
            else
            {
                var indent = Math.Min(width, LineWrapper.Indent(LineWrapper.PrefixColumns(line), _width));
                used += Draw(listView, new string(' ', indent), Style(normal, highlight), width);
            }

            var offset = 0;
            foreach (var segment in line.Body)
            {
                var start = Math.Max(offset, logRow.Start);
                var end = Math.Min(offset + segment.Text.Length, logRow.End);
                if (start < end)
                {
                    used += Draw(listView, segment.Text[(start - offset)..(end - offset)], Style(segment, normal, highlight, faint), width - used);
                }

                offset += segment.Text.Length;
            }
        }

        if (used < width)
        {
            listView.SetAttribute(Style(normal, highlight));
            listView.AddStr(new string(' ', width - used));
        }
    }

    public void Dispose()
    {
        _log.Appended -= OnAppended;
        _log.Inserted -= OnInserted;
        _log.Replaced -= OnReplaced;
        _log.Cleared -= OnCleared;
    }

    /// <summary>A segment's look; lines from the server's history are dim.</summary>
    private Attribute Style(LogSegment segment, Attribute normal, bool highlight, bool faint = false)
    {
        var attribute = _palette.For(segment, normal);
        return Style(faint ? attribute with { Style = attribute.Style | TextStyle.Faint } : attribute, highlight);
    }

    private static Attribute Style(Attribute attribute, bool highlight) =>
        highlight ? attribute with { Style = attribute.Style | TextStyle.Reverse } : attribute;

    private static int Draw(ListView listView, string text, Attribute attribute, int columns)
    {
        var clipped = TerminalText.Clip(text, columns);
        if (clipped.Length == 0)
        {
            return 0;
        }

        listView.SetAttribute(attribute);
        listView.AddStr(TerminalText.Display(clipped));
        return TerminalText.Columns(clipped);
    }

    private void OnCleared(object? sender, EventArgs e)
    {
        _rows.Clear();
        Changed();
    }

    private void OnAppended(object? sender, int first)
    {
        WrapFrom(first);
        Changed();
    }

    private void OnInserted(object? sender, (int Index, int Count) inserted)
    {
        // The line that now follows the new ones may gain or lose its day divider: it is wrapped again with them.
        var (row, added) = Rewrap(inserted.Index, inserted.Index < _log.Count - inserted.Count ? 1 : 0, inserted.Count);
        Changed();
        RowsInserted?.Invoke(this, (row, added));
    }

    private void OnReplaced(object? sender, int index)
    {
        var (row, added) = Rewrap(index, Math.Min(2, _log.Count - index), 0);
        Changed();
        if (added != 0)
        {
            RowsInserted?.Invoke(this, (row, added));
        }
    }

    /// <summary>
    /// Wraps again the <paramref name="oldLines"/> lines from <paramref name="firstLine"/>, which are now
    /// <paramref name="oldLines"/> + <paramref name="shift"/> lines; the rows after them follow their lines' new indexes.
    /// </summary>
    /// <returns>The first row wrapped again, and how many rows it added.</returns>
    private (int Row, int Added) Rewrap(int firstLine, int oldLines, int shift)
    {
        var start = FirstRowOf(firstLine);
        var end = FirstRowOf(firstLine + oldLines);
        if (shift != 0)
        {
            for (var i = end; i < _rows.Count; i++)
            {
                _rows[i] = _rows[i] with { Line = _rows[i].Line + shift };
            }
        }

        var fresh = new List<LogRow>();
        for (var i = firstLine; i < firstLine + oldLines + shift; i++)
        {
            WrapLine(i, fresh);
        }

        _rows.RemoveRange(start, end - start);
        _rows.InsertRange(start, fresh);
        return (start, fresh.Count - (end - start));
    }

    private void WrapFrom(int firstLine)
    {
        for (var i = firstLine; i < _log.Count; i++)
        {
            WrapLine(i, _rows);
        }
    }

    /// <summary>The rows of one line: the day divider above it when its day is not the line before's, then its text.</summary>
    private void WrapLine(int index, List<LogRow> rows)
    {
        var line = _log[index];
        if (DayDivider.Between(index > 0 ? _log[index - 1] : null, line))
        {
            rows.Add(new LogRow(index, 0, 0, First: false, Day: true));
        }

        LineWrapper.Wrap(index, LineFormatter.Format(line, _timestamps, _today), _width, rows);
    }

    private void Changed()
    {
        if (!SuspendCollectionChangedEvent)
        {
            CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Reset));
        }
    }
}
