using System.Text;

namespace Chat.Server;

/// <summary>Makes text that came from a client safe to write to the operator's log.</summary>
internal static class LogText
{
    /// <summary>
    /// Replaces control characters (which could move the operator's cursor or change colours)
    /// and shortens long text.
    /// </summary>
    /// <param name="text">Text from the network.</param>
    /// <param name="maxLength">The most characters to keep.</param>
    /// <returns>Printable text.</returns>
    public static string Clean(string? text, int maxLength = 80)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }

            if (Rune.IsControl(rune) || rune == Rune.ReplacementChar)
            {
                builder.Append('?');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }
}
