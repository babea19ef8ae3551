namespace Chat.Server;

/// <summary>An operator account from the configuration (<c>--operator NAME:HASH</c>).</summary>
/// <param name="Name">The user name, as the rules of user names have it.</param>
/// <param name="Hash">Its password's hash (<see cref="PasswordHash"/>).</param>
internal sealed record OperatorAccount(string Name, string Hash)
{
    /// <summary>Reads <c>NAME:HASH</c>.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="account">The account, when the text is one.</param>
    /// <param name="problem">What is wrong, in words, when it is not.</param>
    /// <returns>Whether the text is an account.</returns>
    public static bool TryParse(string text, out OperatorAccount? account, out string problem)
    {
        account = null;
        var colon = (text ?? string.Empty).IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            problem = $"--operator must be NAME:HASH (the hash from Chat.Server hash-password), not \"{Shorten(text)}\".";
            return false;
        }

        var name = Chat.Protocol.UserNameRules.Normalize(text![..colon]);
        var nameProblem = Chat.Protocol.UserNameRules.Check(name);
        if (nameProblem != Chat.Protocol.UserNameProblem.None)
        {
            problem = $"--operator {name}: {Chat.Protocol.UserNameRules.Describe(nameProblem, name)}";
            return false;
        }

        if (!PasswordHash.IsWellFormed(text[(colon + 1)..], out var hashProblem))
        {
            problem = $"--operator {name}: {hashProblem}.";
            return false;
        }

        account = new OperatorAccount(name, text[(colon + 1)..]);
        problem = string.Empty;
        return true;
    }

    /// <summary>Never shows the hash.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => $"{Name} (operator)";

    private static string Shorten(string? text) => (text ?? string.Empty).Length > 40 ? text![..40] + "…" : text ?? string.Empty;
}
