namespace Chat.Client.Tui.ViewModels;

/// <summary>Finds whether a line mentions a user by name: a whole-word match, in any letter case.</summary>
public static class MentionDetector
{
    /// <summary>Whether <paramref name="text"/> mentions <paramref name="userName"/>.</summary>
    /// <param name="text">The line's text.</param>
    /// <param name="userName">The name to look for.</param>
    /// <returns><see langword="true"/> when the name appears as a word of its own ("alice:", "hi Alice!", not "malice").</returns>
    public static bool Mentions(string text, string userName)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(userName))
        {
            return false;
        }

        var start = 0;
        while (start <= text.Length - userName.Length)
        {
            var at = text.IndexOf(userName, start, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            if (IsBoundaryBefore(text, at) && IsBoundaryAfter(text, at + userName.Length))
            {
                return true;
            }

            start = at + 1;
        }

        return false;
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    private static bool IsBoundaryBefore(string text, int index) => index == 0 || !IsNameCharacter(text[index - 1]);

    // '.' and '-' may end a sentence or a clause: "thanks alice." still mentions alice, "alice.b" does not.
    private static bool IsBoundaryAfter(string text, int index)
    {
        while (index < text.Length && text[index] is '.' or '-')
        {
            index++;
        }

        return index == text.Length || !IsNameCharacter(text[index]);
    }
}
