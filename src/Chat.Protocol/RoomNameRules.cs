namespace Chat.Protocol;

/// <summary>
/// The rules every room name follows (protocol version 2), shared by servers (which enforce them)
/// and clients (which check a name before joining).
/// </summary>
/// <remarks>
/// A room name is trimmed of surrounding white space, then is <see cref="Prefix"/> ('#') followed by
/// 1 to <see cref="MaxLength"/> characters of ASCII letters, digits, '_', '-' and '.', as IRC channels
/// are written (<c>#general</c>, <c>#dev-tools</c>). ASCII only, so that no two rooms look alike on
/// screen. Names are compared without regard to letter case (<see cref="Comparer"/>): <c>#Dev</c> and
/// <c>#dev</c> are one room, shown as it was first written.
/// </remarks>
public static class RoomNameRules
{
    /// <summary>The character every room name starts with.</summary>
    public const char Prefix = '#';

    /// <summary>The most characters a room name may have after the <see cref="Prefix"/>.</summary>
    public const int MaxLength = 32;

    /// <summary>How room names are compared: two names that differ only in letter case are the same room.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Returns the name as it will be used: trimmed of surrounding white space.</summary>
    /// <param name="name">A name as typed.</param>
    /// <returns>The trimmed name, or an empty string for <see langword="null"/>.</returns>
    public static string Normalize(string? name) => name?.Trim() ?? string.Empty;

    /// <summary>Checks a name against the rules.</summary>
    /// <param name="name">A name as typed; it is normalized first.</param>
    /// <returns><see cref="RoomNameProblem.None"/> when the name may be used, otherwise the first problem found.</returns>
    public static RoomNameProblem Check(string? name)
    {
        var normalized = Normalize(name);
        if (normalized.Length == 0)
        {
            return RoomNameProblem.Empty;
        }

        if (normalized[0] != Prefix)
        {
            return RoomNameProblem.MissingPrefix;
        }

        if (normalized.Length - 1 > MaxLength)
        {
            return RoomNameProblem.TooLong;
        }

        if (normalized.Length == 1)
        {
            return RoomNameProblem.InvalidCharacter;
        }

        foreach (var c in normalized.AsSpan(1))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return RoomNameProblem.InvalidCharacter;
            }
        }

        return RoomNameProblem.None;
    }

    /// <summary>Whether <paramref name="name"/> is a valid room name.</summary>
    /// <param name="name">A name as typed.</param>
    /// <returns><see langword="true"/> when <see cref="Check(string?)"/> finds no problem.</returns>
    public static bool IsValid(string? name) => Check(name) == RoomNameProblem.None;

    /// <summary>Describes a problem in words a person understands.</summary>
    /// <param name="problem">The problem <see cref="Check(string?)"/> found.</param>
    /// <param name="name">The name it was found in, quoted in the text.</param>
    /// <returns>One sentence, or an empty string for <see cref="RoomNameProblem.None"/>.</returns>
    public static string Describe(RoomNameProblem problem, string? name) => problem switch
    {
        RoomNameProblem.None => string.Empty,
        RoomNameProblem.Empty => "A room name cannot be empty.",
        RoomNameProblem.MissingPrefix => $"A room name starts with '{Prefix}', as in {Prefix}{Normalize(name)}.",
        RoomNameProblem.TooLong => $"A room name can have at most {MaxLength} characters after the '{Prefix}'.",
        RoomNameProblem.InvalidCharacter =>
            $"A room name is '{Prefix}' followed by letters (A-Z, a-z), digits, '_', '-' and '.'.",
        _ => "The room name is not allowed.",
    };
}
