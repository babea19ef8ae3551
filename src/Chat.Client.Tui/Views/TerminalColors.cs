namespace Chat.Client.Tui.Views;

/// <summary>What the terminal says about its colours.</summary>
internal static class TerminalColors
{
    /// <summary>
    /// Whether the terminal announces 24-bit colour: <c>COLORTERM=truecolor</c> or <c>24bit</c>
    /// (the usual convention), or a TERM that names it (<c>xterm-direct</c>, <c>*-truecolor</c>).
    /// A plain <c>xterm-256color</c>, <c>screen</c> or <c>linux</c> does not.
    /// </summary>
    public static bool HasTrueColor(string? term, string? colorTerm)
    {
        if (colorTerm is { } announced &&
            (announced.Equals("truecolor", StringComparison.OrdinalIgnoreCase) || announced.Equals("24bit", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return term is { } name &&
            (name.Contains("truecolor", StringComparison.OrdinalIgnoreCase) || name.Contains("24bit", StringComparison.OrdinalIgnoreCase) ||
             name.EndsWith("-direct", StringComparison.OrdinalIgnoreCase));
    }
}
