using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// <c>/search words</c>: a window of the room's lines that hold the words, newest first, more
/// loaded on reaching the end, and Enter on one shows it in its room's window, in context (the
/// lines around it loaded when the window does not show it), marked.
/// </summary>
public sealed partial class ChatViewModel
{
    /// <summary>How many lines on each side of a match are loaded to show it in context.</summary>
    public const int ContextLines = 10;

    private Task<bool> SearchAsync(string words)
    {
        if (Current is not RoomWindowViewModel { IsJoined: true } room)
        {
            Current.Add(_lines.Local(LogKind.Info, Current is RoomWindowViewModel
                ? $"You are not in {Current.Label}: /join it to search it."
                : "/search works in a room's window: it searches that room."));
            return Task.FromResult(true);
        }

        if (_client is { SupportsHistory: false })
        {
            Current.Add(_lines.Local(LogKind.Info, $"{ServerName} keeps no history to search."));
            return Task.FromResult(true);
        }

        var search = new SearchWindowViewModel(RoomOf(room), room.Label, TextSanitizer.Sanitize(words.Trim()));
        Watch(search);
        Windows.Add(search, select: true);
        _ = LoadMatchesAsync(search, words.Trim());
        return Task.FromResult(true);
    }

    /// <summary>Loads the next page of a search's matches (on reaching the end of those shown); nothing while a page is on its way or when none is left.</summary>
    /// <param name="search">The search's window.</param>
    /// <returns>A task that completes when the request was sent; the matches arrive later.</returns>
    public Task MoreMatchesAsync(SearchWindowViewModel search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return search.More && !search.Loading ? LoadMatchesAsync(search, search.Words) : Task.CompletedTask;
    }

    /// <summary>Chooses another match in a search's window (Up/Down); going past the last loads more.</summary>
    /// <param name="search">The search's window.</param>
    /// <param name="by">How many matches down (positive) or up.</param>
    public void MoveMatch(SearchWindowViewModel search, int by)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (search.Move(by))
        {
            _ = MoreMatchesAsync(search);
        }
    }

    /// <summary>
    /// Shows the chosen match of a search in its room's window: brings that window into view and
    /// marks the line, after loading the lines around it when the window does not show it. Call on the UI thread.
    /// </summary>
    /// <param name="search">The search's window.</param>
    /// <returns>A task that completes when the line is shown, or the lines around it were asked for (they are shown when they come).</returns>
    public async Task OpenMatchAsync(SearchWindowViewModel search)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (search.SelectedLine is not { } match)
        {
            return;
        }

        var room = Windows.FindRoom(search.Room.Length > 0 ? search.Room : _defaultRoom);
        if (room is not { IsJoined: true })
        {
            search.Say(_lines.Local(LogKind.Info, $"You are not in {search.RoomLabel} any more: /join {search.RoomLabel} to see the line there."));
            return;
        }

        var index = room.History.IndexOf(match.Id);
        if (index >= 0)
        {
            Windows.Select(room);
            room.Reveal(index);
            return;
        }

        if (!CanAskHistory(room))
        {
            search.Say(_lines.Local(LogKind.Info, "Not connected: the line can be shown once you are back."));
            return;
        }

        var id = match.Id;
        var previous = room.History.Before(id);
        var next = room.History.After(id);
        await AskHistoryAsync(search, "Loading the lines around the match", async (client, ct) =>
        {
            var name = RoomOf(room);
            var before = await client.GetHistoryAsync(name, afterId: previous, beforeId: id + 1, limit: ContextLines + 1, cancellationToken: ct).ConfigureAwait(false);
            var after = await client.GetHistoryAsync(name, afterId: id, beforeId: next, limit: ContextLines, cancellationToken: ct).ConfigureAwait(false);
            _ui.Post(() => ShowInContext(room, id, previous, next, before, after));
        });
    }

    private async Task LoadMatchesAsync(SearchWindowViewModel search, string words)
    {
        search.Loading = true;
        var beforeId = search.OldestId;
        await AskHistoryAsync(search, "The search", async (client, ct) =>
        {
            var results = await client.SearchAsync(search.Room, words, beforeId, cancellationToken: ct).ConfigureAwait(false);
            _ui.Post(() => ShowMatches(search, results));
        });
    }

    private void ShowMatches(SearchWindowViewModel search, SearchResults results)
    {
        search.Loading = false;
        search.AddMatches([.. results.Lines.Where(p => !IsIgnored(p.Author)).Select(p => ToLine(p))], results.More);
        if (search.Found == 0 && !search.More)
        {
            search.Say(_lines.Local(LogKind.Info, $"No line of {search.RoomLabel} holds \"{search.Words}\"."));
        }
    }

    /// <summary>The lines around a match are in: they go in the room's window, with dividers where lines are left out, and the match is marked.</summary>
    private void ShowInContext(RoomWindowViewModel room, long id, long previous, long next, HistoryBatch before, HistoryBatch after)
    {
        var history = room.History;
        var lines = before.Lines.Concat(after.Lines).Where(p => !IsIgnored(p.Author) || p.Id == id).Select(p => ToLine(p, history: true)).ToList();
        history.Merge(lines);
        var first = lines.Count > 0 ? lines[0] : null;
        var last = lines.Count > 0 ? lines[^1] : null;
        if (after.More && next > 0 && last is not null)
        {
            room.Log.Insert(history.IndexOf(last.Id) + 1, [last with { Kind = LogKind.Divider, Text = NotLoadedText, Id = 0, History = false, Author = string.Empty }]);
        }

        if (first is not null && before.More && previous > 0)
        {
            room.Log.Insert(history.IndexOf(first.Id), [first with { Kind = LogKind.Divider, Text = NotLoadedText, Id = 0, History = false, Author = string.Empty }]);
        }
        else if (first is not null && !before.More && previous == 0)
        {
            history.MarkBeginning(first with { Kind = LogKind.Divider, Text = BeginningText(room), Id = 0, History = false, Author = string.Empty });
        }

        Windows.Select(room);
        var index = history.IndexOf(id);
        if (index >= 0)
        {
            room.Reveal(index);
        }
        else
        {
            room.Add(_lines.Local(LogKind.Info, "That line is no longer kept by the server."));
        }
    }
}
