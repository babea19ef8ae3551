namespace Chat.Protocol;

/// <summary>
/// The rules every user name follows, shared by servers (which enforce them) and clients
/// (which check a name before connecting).
/// </summary>
/// <remarks>
/// A name is trimmed of surrounding white space, then must be 1 to <see cref="MaxLength"/>
/// characters of ASCII letters, digits, '_', '-' and '.'. ASCII only, so that no two names
/// look alike on screen. Names are compared without regard to letter case
/// (<see cref="Comparer"/>). <see cref="ReservedName"/> ("Server") is reserved in any case, and so
/// is every name that differs from it only by punctuation (<see cref="IsReserved"/>).
/// </remarks>
public static class UserNameRules
{
    /// <summary>The most characters a user name may have.</summary>
    public const int MaxLength = 32;

    /// <summary>The name the server uses for itself; no user may take it, in any letter case or with punctuation added.</summary>
    public const string ReservedName = "Server";

    /// <summary>How names are compared: two names that differ only in letter case are the same name.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Returns the name as it will be used: trimmed of surrounding white space.</summary>
    /// <param name="name">A name as typed.</param>
    /// <returns>The trimmed name, or an empty string for <see langword="null"/>.</returns>
    public static string Normalize(string? name) => name?.Trim() ?? string.Empty;

    /// <summary>
    /// Whether <paramref name="name"/> poses as the server: the reserved name in any letter case,
    /// with or without surrounding spaces, and with or without punctuation anywhere in it
    /// (<c>Server_</c>, <c>server.</c>, <c>-SERVER-</c>, <c>S.e.r.v.e.r</c>).
    /// </summary>
    /// <param name="name">A name as typed.</param>
    /// <returns><see langword="true"/> when the name may never be used by a user.</returns>
    public static bool IsReserved(string? name)
    {
        var normalized = Normalize(name).AsSpan();
        var matched = 0;
        foreach (var c in normalized)
        {
            if (c is '_' or '-' or '.')
            {
                continue; // Punctuation does not make a name another one on screen.
            }

            if (matched == ReservedName.Length || char.ToUpperInvariant(c) != char.ToUpperInvariant(ReservedName[matched]))
            {
                return false;
            }

            matched++;
        }

        return matched == ReservedName.Length;
    }

    /// <summary>Checks a name against the rules.</summary>
    /// <param name="name">A name as typed; it is normalized first.</param>
    /// <returns><see cref="UserNameProblem.None"/> when the name may be used, otherwise the first problem found.</returns>
    public static UserNameProblem Check(string? name)
    {
        var normalized = Normalize(name);
        if (normalized.Length == 0)
        {
            return UserNameProblem.Empty;
        }

        if (IsReserved(normalized))
        {
            return UserNameProblem.Reserved;
        }

        if (normalized.Length > MaxLength)
        {
            return UserNameProblem.TooLong;
        }

        foreach (var c in normalized)
        {
            if (!IsAllowed(c))
            {
                return UserNameProblem.InvalidCharacter;
            }
        }

        return UserNameProblem.None;
    }

    /// <summary>Describes a problem in words a person understands.</summary>
    /// <param name="problem">The problem <see cref="Check(string?)"/> found.</param>
    /// <param name="name">The name it was found in, quoted in the text.</param>
    /// <returns>One sentence, or an empty string for <see cref="UserNameProblem.None"/>.</returns>
    public static string Describe(UserNameProblem problem, string? name) => problem switch
    {
        UserNameProblem.None => string.Empty,
        UserNameProblem.Empty => "A user name cannot be empty.",
        UserNameProblem.Reserved => $"The name \"{Normalize(name)}\" is reserved for the server.",
        UserNameProblem.TooLong => $"A user name can have at most {MaxLength} characters.",
        UserNameProblem.InvalidCharacter =>
            "A user name may only contain letters (A-Z, a-z), digits, '_', '-' and '.'.",
        _ => "The user name is not allowed.",
    };

    /// <summary>Maps a name problem to the reason a server gives when it rejects the name.</summary>
    /// <param name="problem">A problem other than <see cref="UserNameProblem.None"/>.</param>
    /// <returns><see cref="RejectReason.NameReserved"/> for a reserved name, otherwise <see cref="RejectReason.NameInvalid"/>.</returns>
    public static RejectReason ToRejectReason(UserNameProblem problem) =>
        problem == UserNameProblem.Reserved ? RejectReason.NameReserved : RejectReason.NameInvalid;

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
}
