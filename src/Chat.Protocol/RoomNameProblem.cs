namespace Chat.Protocol;

/// <summary>What is wrong with a room name, as found by <see cref="RoomNameRules.Check(string?)"/>.</summary>
public enum RoomNameProblem
{
    /// <summary>Nothing: the name may be used.</summary>
    None = 0,

    /// <summary>The name is empty or only spaces.</summary>
    Empty = 1,

    /// <summary>The name does not start with <see cref="RoomNameRules.Prefix"/> ('#').</summary>
    MissingPrefix = 2,

    /// <summary>The name has more than <see cref="RoomNameRules.MaxLength"/> characters after the '#'.</summary>
    TooLong = 3,

    /// <summary>After the '#', the name holds a character other than an ASCII letter, a digit, '_', '-' or '.', or nothing at all.</summary>
    InvalidCharacter = 4,
}
