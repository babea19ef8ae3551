namespace Chat.Protocol;

/// <summary>What is wrong with a user name, as found by <see cref="UserNameRules.Check(string?)"/>.</summary>
public enum UserNameProblem
{
    /// <summary>Nothing: the name may be used.</summary>
    None = 0,

    /// <summary>The name is empty or only spaces.</summary>
    Empty = 1,

    /// <summary>The name is longer than <see cref="UserNameRules.MaxLength"/> characters.</summary>
    TooLong = 2,

    /// <summary>The name holds a character other than an ASCII letter, a digit, '_', '-' or '.'.</summary>
    InvalidCharacter = 3,

    /// <summary>The name is reserved, such as "Server".</summary>
    Reserved = 4,
}
