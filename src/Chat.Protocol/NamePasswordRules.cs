using System.Globalization;
using System.Text;

namespace Chat.Protocol;

/// <summary>
/// What a registered name's password must be (docs/protocol.md, section 8; <see cref="RegisterName"/>):
/// from <see cref="MinLength"/> to <see cref="MaxLength"/> Unicode scalar values, none of them a
/// control character. The server refuses any other with <see cref="ErrorCode.PasswordRejected"/>;
/// <see cref="ChatClient.RegisterNameAsync"/> checks it before sending.
/// </summary>
public static class NamePasswordRules
{
    /// <summary>The fewest characters (Unicode scalar values) a name's password may have.</summary>
    public const int MinLength = 8;

    /// <summary>The most characters (Unicode scalar values) a name's password may have.</summary>
    public const int MaxLength = 256;

    /// <summary>Checks a name's password.</summary>
    /// <param name="password">The password.</param>
    /// <returns>What is wrong with it, in one sentence; <see langword="null"/> when nothing is.</returns>
    public static string? Check(string? password)
    {
        var length = 0;
        foreach (var rune in (password ?? string.Empty).EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return "A password may not hold control characters (line breaks, tabs, escapes).";
            }

            length++;
        }

        return length switch
        {
            < MinLength => string.Create(CultureInfo.InvariantCulture, $"A password needs at least {MinLength} characters."),
            > MaxLength => string.Create(CultureInfo.InvariantCulture, $"A password may have at most {MaxLength} characters."),
            _ => null,
        };
    }
}
