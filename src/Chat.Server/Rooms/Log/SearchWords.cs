using System.Globalization;
using System.Text;

namespace Chat.Server;

/// <summary>
/// The word rule of search, the same for every store: a query is split on white space into words;
/// a line matches when it holds every word as a whole word, case folded and with diacritics
/// removed; a word ending in <c>*</c> matches any word it begins. There is no other syntax.
/// </summary>
/// <remarks>
/// <para>
/// Words are what SQLite's FTS5 <c>unicode61</c> tokenizer (with <c>remove_diacritics 2</c>) calls
/// tokens: runs of letters, digits and private-use characters; anything else separates them. A
/// query word that holds a separator (<c>don't</c>) is several tokens, which must appear one after
/// another (FTS5 reads a quoted word the same way); a trailing <c>*</c> makes the last of them a
/// prefix.
/// </para>
/// <para>
/// The memory store matches with <see cref="Compile"/>; the SQLite store quotes each word for FTS5
/// and never passes user text as FTS5 syntax.
/// </para>
/// </remarks>
internal static class SearchWords
{
    /// <summary>The most words a query may have; the server refuses a longer one (docs/protocol.md, R7.56).</summary>
    public const int MaxWords = 32;

    /// <summary>Splits a query into its words, leaving out those that hold no letter or digit (a lone <c>*</c>, punctuation).</summary>
    /// <param name="query">The query as the user typed it.</param>
    /// <returns>The words, each maybe ending in <c>*</c>; empty when the query has none (the server refuses it).</returns>
    public static IReadOnlyList<string> Split(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = new List<string>();
        foreach (var word in query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Tokens(word).Count > 0)
            {
                words.Add(word);
            }
        }

        return words;
    }

    /// <summary>Whether a query word is a prefix (ends in <c>*</c>).</summary>
    /// <param name="word">A word from <see cref="Split"/>.</param>
    /// <returns><see langword="true"/> when it ends in <c>*</c>.</returns>
    public static bool IsPrefix(string word) => word.EndsWith('*');

    /// <summary>The tokens of a text: case folded, diacritics removed, split at every character that is not a letter, a digit or private use.</summary>
    /// <param name="text">A line's text or a query word.</param>
    /// <returns>The tokens in order.</returns>
    public static IReadOnlyList<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var token = new StringBuilder();
        foreach (var rune in Fold(text).EnumerateRunes())
        {
            if (IsTokenRune(rune))
            {
                token.Append(rune.ToString());
            }
            else if (token.Length > 0)
            {
                tokens.Add(token.ToString());
                token.Clear();
            }
        }

        if (token.Length > 0)
        {
            tokens.Add(token.ToString());
        }

        return tokens;
    }

    /// <summary>Tokenizes a query's words once, for matching many lines.</summary>
    /// <param name="words">Words from <see cref="Split"/>.</param>
    /// <returns>The query, ready to match lines.</returns>
    public static Pattern Compile(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return new Pattern([.. words.Select(word => (Tokens(word), IsPrefix(word)))]);
    }

    /// <summary>A query's words, tokenized, to check lines against.</summary>
    /// <param name="Phrases">Each word's tokens (in a row in a line that matches), and whether its last one is a prefix.</param>
    internal sealed record Pattern(IReadOnlyList<(IReadOnlyList<string> Tokens, bool Prefix)> Phrases)
    {
        /// <summary>Whether a line's text holds every word.</summary>
        /// <param name="text">The line's text.</param>
        /// <returns><see langword="true"/> when every word matches; <see langword="false"/> for a query without words.</returns>
        public bool Matches(string text)
        {
            if (Phrases.Count == 0)
            {
                return false;
            }

            var line = Tokens(text);
            foreach (var (tokens, prefix) in Phrases)
            {
                if (!Holds(line, tokens, prefix))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static bool Holds(IReadOnlyList<string> line, IReadOnlyList<string> phrase, bool prefix)
    {
        if (phrase.Count == 0)
        {
            return false;
        }

        for (var start = 0; start + phrase.Count <= line.Count; start++)
        {
            var all = true;
            for (var i = 0; i < phrase.Count && all; i++)
            {
                var last = i == phrase.Count - 1;
                all = last && prefix
                    ? line[start + i].StartsWith(phrase[i], StringComparison.Ordinal)
                    : string.Equals(line[start + i], phrase[i], StringComparison.Ordinal);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().ToLowerInvariant();
    }

    private static bool IsTokenRune(Rune rune) =>
        Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.PrivateUse => true,
            _ => false,
        };
}
