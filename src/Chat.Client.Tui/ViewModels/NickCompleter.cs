using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// Tab completion of nicknames and command names: completes the word before the cursor to a name
/// in the room (adding ": " at the start of the line, addressing someone, or " " elsewhere), or a
/// word starting with '/' at the start of the line to a command (<see cref="CommandParser.CommandNames"/>,
/// adding " "), a word starting with '#' to a room's name (adding " "), and cycles through the matches on each further Tab.
/// </summary>
public sealed class NickCompleter
{
    private Cycle? _cycle;

    /// <summary>Completes the word before <paramref name="cursor"/>.</summary>
    /// <param name="line">The input line.</param>
    /// <param name="cursor">The cursor position (0 to the line's length).</param>
    /// <param name="users">The names to choose from.</param>
    /// <param name="ownName">This user's name, never offered.</param>
    /// <param name="rooms">The room names a word starting with '#' completes to.</param>
    /// <returns>The new line and cursor, or <see langword="null"/> when nothing matches.</returns>
    public Completion? Complete(string line, int cursor, IReadOnlyList<string> users, string ownName, IReadOnlyList<string>? rooms = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(users);
        cursor = Math.Clamp(cursor, 0, line.Length);

        if (_cycle is { } cycle && cycle.ResultLine == line && cycle.ResultCursor == cursor)
        {
            var next = (cycle.Index + 1) % cycle.Candidates.Count;
            return Apply(cycle with { Index = next });
        }

        var start = cursor;
        while (start > 0 && !char.IsWhiteSpace(line[start - 1]))
        {
            start--;
        }

        var prefix = line[start..cursor];
        if (prefix.Length == 0)
        {
            _cycle = null;
            return null;
        }

        var command = start == 0 && prefix.StartsWith('/');
        var room = prefix.StartsWith('#');
        var candidates = command
            ? [.. CommandParser.CommandNames.Where(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))]
            : room
            ? [.. (rooms ?? []).Where(r => r.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.OrdinalIgnoreCase)]
            : users
                .Where(u => !UserNameRules.Comparer.Equals(u, ownName) && u.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Order(UserNameRules.Comparer)
                .ToList();
        if (candidates.Count == 0)
        {
            _cycle = null;
            return null;
        }

        var suffix = command || room || start > 0 ? " " : ": ";
        return Apply(new Cycle(line[..start], line[cursor..], candidates, 0, suffix, string.Empty, 0));
    }

    /// <summary>Forgets the current cycle (another key was pressed).</summary>
    public void Reset() => _cycle = null;

    private Completion Apply(Cycle cycle)
    {
        var inserted = cycle.Candidates[cycle.Index] + cycle.Suffix;
        var line = cycle.Before + inserted + cycle.After;
        var cursor = cycle.Before.Length + inserted.Length;
        _cycle = cycle with { ResultLine = line, ResultCursor = cursor };
        return new Completion(line, cursor);
    }

    private sealed record Cycle(
        string Before, string After, IReadOnlyList<string> Candidates, int Index, string Suffix, string ResultLine, int ResultCursor);
}
