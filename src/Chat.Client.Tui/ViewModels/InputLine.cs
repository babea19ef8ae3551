using System.Globalization;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The text of the input line, its cursor and its kill buffer, edited the way readline and
/// Emacs edit a line (Ctrl+A/E, Ctrl+U/K/W, Ctrl+Y, Alt+B/F). The cursor is a UTF-16 index
/// that always sits between two grapheme clusters, so an emoji with a skin tone, a ZWJ family
/// or a letter with combining marks moves and deletes as one. Every edit costs time in
/// proportion to the text it moves, never to the square of the line's length.
/// </summary>
public sealed class InputLine
{
    private char[] _chars = new char[64];
    private int _length;
    private string? _text = string.Empty;
    private string _killed = string.Empty;
    private KillDirection _lastKill;

    private enum KillDirection
    {
        None,
        Backward,
        Forward,
    }

    /// <summary>Raised after the text or the cursor changed.</summary>
    public event EventHandler? Changed;

    /// <summary>The line as typed.</summary>
    public string Text => _text ??= new string(_chars, 0, _length);

    /// <summary>The text as a span, without building a string.</summary>
    public ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);

    /// <summary>The line's length in UTF-16 code units.</summary>
    public int Length => _length;

    /// <summary>Where the cursor is: a UTF-16 index from 0 to <see cref="Length"/>, always at a cluster boundary.</summary>
    public int Cursor { get; private set; }

    /// <summary>The text the last kill (Ctrl+U, Ctrl+K, Ctrl+W, Alt+Backspace, Alt+D) removed; Ctrl+Y inserts it.</summary>
    public string Killed => _killed;

    /// <summary>Replaces the whole line and puts the cursor at <paramref name="cursor"/> (the end when omitted).</summary>
    public void SetText(string text, int? cursor = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        _length = 0;
        InsertRaw(Clean(text));
        Cursor = SnapToBoundary(Math.Clamp(cursor ?? _length, 0, _length));
        _lastKill = KillDirection.None;
        OnChanged();
    }

    /// <summary>Empties the line.</summary>
    public void Clear() => SetText(string.Empty);

    /// <summary>Inserts typed or pasted text at the cursor; control characters are dropped and a tab becomes a space.</summary>
    public void Insert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = Clean(text);
        _lastKill = KillDirection.None;
        if (clean.Length == 0)
        {
            return;
        }

        InsertRaw(clean);
        OnChanged();
    }

    /// <summary>Deletes the cluster before the cursor (Backspace).</summary>
    public void DeleteBackward() => Edit(() => Remove(PreviousBoundary(Cursor), Cursor));

    /// <summary>Deletes the cluster under the cursor (Delete).</summary>
    public void DeleteForward() => Edit(() => Remove(Cursor, NextBoundary(Cursor)));

    /// <summary>Moves one cluster left.</summary>
    public void MoveLeft() => MoveTo(PreviousBoundary(Cursor));

    /// <summary>Moves one cluster right.</summary>
    public void MoveRight() => MoveTo(NextBoundary(Cursor));

    /// <summary>Moves to the start of the line (Ctrl+A, Home).</summary>
    public void MoveHome() => MoveTo(0);

    /// <summary>Moves to the end of the line (Ctrl+E, End).</summary>
    public void MoveEnd() => MoveTo(_length);

    /// <summary>Moves to the start of the word before the cursor (Alt+B, Ctrl+Left).</summary>
    public void MoveWordLeft() => MoveTo(WordStartBefore(Cursor, IsWordChar));

    /// <summary>Moves past the end of the word after the cursor (Alt+F, Ctrl+Right).</summary>
    public void MoveWordRight() => MoveTo(WordEndAfter(Cursor));

    /// <summary>Kills from the start of the line to the cursor (Ctrl+U).</summary>
    public void KillToStart() => Kill(0, Cursor, KillDirection.Backward);

    /// <summary>Kills from the cursor to the end of the line (Ctrl+K).</summary>
    public void KillToEnd() => Kill(Cursor, _length, KillDirection.Forward);

    /// <summary>Kills back to the previous space (Ctrl+W, as in a Unix terminal: "foo/bar" goes at once).</summary>
    public void KillSpaceDelimitedWordBackward() => Kill(WordStartBefore(Cursor, c => !char.IsWhiteSpace(c)), Cursor, KillDirection.Backward);

    /// <summary>Kills the word before the cursor (Alt+Backspace: letters and digits make a word).</summary>
    public void KillWordBackward() => Kill(WordStartBefore(Cursor, IsWordChar), Cursor, KillDirection.Backward);

    /// <summary>Kills the word after the cursor (Alt+D).</summary>
    public void KillWordForward() => Kill(Cursor, WordEndAfter(Cursor), KillDirection.Forward);

    /// <summary>Inserts the last killed text at the cursor (Ctrl+Y).</summary>
    public void Yank()
    {
        var killed = _killed;
        Insert(killed);
    }

    /// <summary>The index after the cluster that starts at <paramref name="index"/>.</summary>
    public int NextBoundary(int index)
    {
        if (index >= _length)
        {
            return _length;
        }

        // Printable ASCII not followed by an extending character (all of which are U+0300 or above) is a cluster of its own.
        if (_chars[index] is >= ' ' and <= '~' && (index + 1 == _length || _chars[index + 1] < '\u0300'))
        {
            return index + 1;
        }

        var length = StringInfo.GetNextTextElementLength(_chars.AsSpan(index, _length - index));
        return index + Math.Max(1, length);
    }

    /// <summary>The start of the cluster that ends at <paramref name="index"/>.</summary>
    public int PreviousBoundary(int index)
    {
        if (index <= 0)
        {
            return 0;
        }

        if (IsAsciiBoundary(index - 1) && _chars[index - 1] is >= ' ' and <= '~')
        {
            return index - 1;
        }

        // Walk forward from the nearest earlier point that is certainly a boundary.
        var position = SafeBoundaryBefore(index - 1);
        var previous = position;
        while (position < index)
        {
            previous = position;
            position = NextBoundary(position);
        }

        return previous;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.IsSurrogate(c) ||
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static string Clean(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (c < ' ' || c == '\u007f')
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (c >= ' ' && c != '\u007f')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="index"/> is a boundary that no cluster rule can join across: between two printable ASCII characters, or the line's start.</summary>
    private bool IsAsciiBoundary(int index) =>
        index <= 0 || (_chars[index - 1] is >= ' ' and <= '~' && _chars[index] is >= ' ' and <= '~');

    private int SafeBoundaryBefore(int index)
    {
        var i = index;
        while (i > 0 && !IsAsciiBoundary(i))
        {
            i--;
        }

        return i;
    }

    private int SnapToBoundary(int index)
    {
        var position = SafeBoundaryBefore(Math.Min(index, _length));
        while (position < index)
        {
            var next = NextBoundary(position);
            if (next > index)
            {
                return position;
            }

            position = next;
        }

        return position;
    }

    private int WordStartBefore(int index, Func<char, bool> isWord)
    {
        var i = index;
        while (i > 0 && !isWord(_chars[i - 1]))
        {
            i = PreviousBoundary(i);
        }

        while (i > 0 && isWord(_chars[i - 1]))
        {
            i = PreviousBoundary(i);
        }

        return i;
    }

    private int WordEndAfter(int index)
    {
        var i = index;
        while (i < _length && !IsWordChar(_chars[i]))
        {
            i = NextBoundary(i);
        }

        while (i < _length && IsWordChar(_chars[i]))
        {
            i = NextBoundary(i);
        }

        return i;
    }

    private void MoveTo(int cursor)
    {
        _lastKill = KillDirection.None;
        if (cursor != Cursor)
        {
            Cursor = cursor;
            OnChanged();
        }
    }

    private void Edit(Func<bool> edit)
    {
        _lastKill = KillDirection.None;
        if (edit())
        {
            OnChanged();
        }
    }

    private void Kill(int start, int end, KillDirection direction)
    {
        if (start >= end)
        {
            _lastKill = direction;
            return;
        }

        var removed = new string(_chars, start, end - start);

        // Kills in a row add up, as in readline: Ctrl+W Ctrl+W then Ctrl+Y brings both words back.
        _killed = _lastKill switch
        {
            KillDirection.Backward when direction == KillDirection.Backward => removed + _killed,
            KillDirection.Forward when direction == KillDirection.Forward => _killed + removed,
            _ => removed,
        };
        Remove(start, end);
        _lastKill = direction;
        OnChanged();
    }

    private void InsertRaw(string text)
    {
        if (_length + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + text.Length));
        }

        var at = Math.Min(Cursor, _length);
        Array.Copy(_chars, at, _chars, at + text.Length, _length - at);
        text.CopyTo(0, _chars, at, text.Length);
        _length += text.Length;
        _text = null;

        // When the text joins the cluster after it (a combining mark typed before one), the cursor goes past the whole cluster.
        Cursor = at + text.Length;
        if (Cursor < _length && !IsAsciiBoundary(Cursor))
        {
            var snapped = SnapToBoundary(Cursor);
            Cursor = snapped > at ? snapped : NextBoundary(at);
        }
    }

    private bool Remove(int start, int end)
    {
        if (start >= end)
        {
            return false;
        }

        Array.Copy(_chars, end, _chars, start, _length - end);
        _length -= end - start;
        _text = null;
        Cursor = start;
        return true;
    }

    private void OnChanged() => Changed?.Invoke(this, EventArgs.Empty);
}
