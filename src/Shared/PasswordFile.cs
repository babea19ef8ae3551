using System.Globalization;

namespace Chat.Shared;

/// <summary>
/// Reads a password from a file of its own (<c>--password-file</c>, for the server and the
/// client): the first line, without its line break. The file must exist, hold a password, and be
/// private to its owner (no permission for the group or others, as <c>chmod 600</c> leaves it),
/// so that the password never appears on a command line, in the environment or in a file others can read.
/// </summary>
internal static class PasswordFile
{
    /// <summary>Reads the password.</summary>
    /// <param name="path">The file.</param>
    /// <param name="password">The password, when it was read.</param>
    /// <param name="problem">Why it could not be read, in words naming the file, when it was not.</param>
    /// <returns>Whether the password was read.</returns>
    public static bool TryRead(string path, out string password, out string problem)
    {
        password = string.Empty;
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            problem = $"The password file \"{path}\" does not exist.";
            return false;
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & others) != 0)
            {
                var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
                problem = $"The password file \"{path}\" may be read or changed by other users (mode {octal}); " +
                    $"make it private to its owner with: chmod 600 {path}";
                return false;
            }
        }

        string? firstLine;
        try
        {
            using var reader = new StreamReader(path);
            firstLine = reader.ReadLine(); // without its line break, \n or \r\n
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"The password file \"{path}\" cannot be read: {ex.Message}");
            return false;
        }

        if (string.IsNullOrEmpty(firstLine))
        {
            problem = $"The password file \"{path}\" is empty: its first line must hold the password.";
            return false;
        }

        password = firstLine;
        problem = string.Empty;
        return true;
    }
}
