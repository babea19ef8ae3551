namespace Chat.Server;

/// <summary>
/// The server's data folder (<c>--data</c>): the history, the console socket, the accounts and
/// bans. Only the server's user may enter it.
/// </summary>
internal static class DataFolder
{
    /// <summary>Creates the folder, readable and writable by its owner only (mode 0700), unless it exists (then it is left as it is).</summary>
    /// <param name="path">The folder.</param>
    /// <exception cref="IOException">It cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">It cannot be created here.</exception>
    public static void Ensure(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
