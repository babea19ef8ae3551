using System.Text;
using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// Search through the full-text index (<c>lines_fts</c>, FTS5). The user's words are never read
/// as FTS5 syntax: each is quoted, so that it matches as a whole word (or, when it holds
/// punctuation, as the phrase of the words the tokenizer finds in it), with a trailing <c>*</c>
/// kept outside the quotes to ask for a prefix, the rule <see cref="SearchWords"/> gives.
/// </summary>
internal sealed partial class SqliteRoomLogStore
{
    /// <summary>Turns the user's words into an FTS5 query that every word must match.</summary>
    /// <param name="words">The words, each maybe ending in <c>*</c>.</param>
    /// <returns>The query, such as <c>"alice" "say""s" "hel"*</c>; empty when no word holds anything to look for.</returns>
    public static string MatchExpression(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var match = new StringBuilder();
        foreach (var word in words)
        {
            if (SearchWords.Tokens(word).Count == 0)
            {
                continue;
            }

            var prefix = SearchWords.IsPrefix(word);
            var body = prefix ? word[..^1] : word;
            if (match.Length > 0)
            {
                match.Append(' ');
            }

            match.Append('"').Append(body.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            if (prefix)
            {
                match.Append('*');
            }
        }

        return match.ToString();
    }

    /// <summary>Finds a room's lines holding every word of a query, newest first.</summary>
    /// <param name="key">The room's key.</param>
    /// <param name="room">The room's name, carried by every line.</param>
    /// <param name="query">The words, the bound and the limit.</param>
    /// <param name="prunedThrough">Lines up to this id are gone (or going).</param>
    /// <param name="cancellationToken">Gives up on the search.</param>
    /// <returns>The lines found, newest first.</returns>
    internal Task<IReadOnlyList<TextPosted>> SearchAsync(string key, string room, SearchQuery query, long prunedThrough, CancellationToken cancellationToken)
    {
        var match = MatchExpression(query.Words);
        if (match.Length == 0 || query.Limit == 0)
        {
            return Task.FromResult<IReadOnlyList<TextPosted>>([]);
        }

        return Task.Run<IReadOnlyList<TextPosted>>(
            () =>
            {
                using var connection = OpenReader();
                using var command = connection.CreateCommand();

                // Within a room, seq grows with id (one writer inserts a room's lines in id order),
                // so the index's own rowid order is the newest-first order asked for.
                command.CommandText = """
                    SELECT l.id, l.author, l.text, l.kind, l.at
                    FROM lines_fts f JOIN lines l ON l.seq = f.rowid
                    WHERE lines_fts MATCH $match AND l.room = $key AND l.id < $before AND l.id > $after
                    ORDER BY f.rowid DESC
                    LIMIT $limit
                    """;
                command.Parameters.AddWithValue("$match", match);
                command.Parameters.AddWithValue("$key", key);
                command.Parameters.AddWithValue("$before", query.UpperBound);
                command.Parameters.AddWithValue("$after", prunedThrough);
                command.Parameters.AddWithValue("$limit", query.Limit);
                return ReadLines(command, room);
            },
            cancellationToken);
    }
}
