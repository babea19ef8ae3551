namespace Chat.Server;

/// <summary>A finished backup of the history file: where, and what it holds.</summary>
/// <param name="Path">The full path of the backup file.</param>
/// <param name="Lines">How many room lines it holds.</param>
/// <param name="PrivateMessages">How many private messages it holds.</param>
/// <param name="Bytes">The size of the file.</param>
internal sealed record SqliteBackup(string Path, long Lines, long PrivateMessages, long Bytes);
