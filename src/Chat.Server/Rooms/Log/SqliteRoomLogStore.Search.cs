using System.Text;
using Chat.Protocol;
using Microsoft.Data.Sqlite;

namespace Chat.Server;

/// <summary>
/// Search through the full-text index (<c>lines_fts</c>, FTS5), and through the newest lines not
/// yet in it (SqliteRoomLogStore.Index.cs) by the same rule. The user's words are never read
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

                // One snapshot for the watermark, the lines after it and the index.
                using var transaction = connection.BeginTransaction(deferred: true);
                var indexedThrough = SqliteSchema.ReadIndexedThrough(connection);
                var found = SearchUnindexed(connection, key, room, query, prunedThrough, indexedThrough);
                if (found.Count < query.Limit)
                {
                    found.AddRange(SearchIndex(connection, key, room, query with { Limit = query.Limit - found.Count }, match, prunedThrough));
                }

                return found;
            },
            cancellationToken);
    }

    /// <summary>
    /// The room's lines after the index's watermark that match, newest first: they are the room's
    /// newest lines (within a room, <c>seq</c> grows with id), read until the first indexed one and
    /// matched by <see cref="SearchWords"/>, the rule the tokenizer follows.
    /// </summary>
    private static List<TextPosted> SearchUnindexed(SqliteConnection connection, string key, string room, SearchQuery query, long prunedThrough, long indexedThrough)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, author, text, kind, at, seq FROM lines WHERE room = $key AND id < $before AND id > $after ORDER BY id DESC";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$before", query.UpperBound);
        command.Parameters.AddWithValue("$after", prunedThrough);
        var pattern = SearchWords.Compile(query.Words);
        var found = new List<TextPosted>();
        using var reader = command.ExecuteReader();
        while (found.Count < query.Limit && reader.Read() && reader.GetInt64(5) > indexedThrough)
        {
            var text = reader.GetString(2);
            if (pattern.Matches(text))
            {
                found.Add(new TextPosted(reader.GetInt64(0), reader.GetString(1), text, new DateTime(reader.GetInt64(4), DateTimeKind.Utc))
                {
                    Kind = (TextKind)reader.GetInt32(3),
                    Room = room,
                });
            }
        }

        return found;
    }

    /// <summary>The room's indexed lines that match, newest first.</summary>
    private static List<TextPosted> SearchIndex(SqliteConnection connection, string key, string room, SearchQuery query, string match, long prunedThrough)
    {
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
    }
}
