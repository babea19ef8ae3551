using System.Text;

namespace Chat.Server;

/// <summary>
/// How the console socket talks (README, "Managing a running server"); not the chat protocol.
/// The client sends UTF-8 lines, one command each, ended by <c>\n</c> (a <c>\r</c> before it is
/// dropped), of at most <see cref="MaxLineBytes"/> bytes. For every line the server answers with
/// the command's output lines, each ended by <c>\n</c>, and then one status line: <c>.ok</c>,
/// <c>.failed</c> (the command was refused or could not be done; the lines say why),
/// <c>.closed</c> (the command closed the server; the connection ends) or <c>.refused</c> (this
/// client may not use the console; the connection ends). An output line that begins with a dot
/// is sent with one more dot in front (dot-stuffing, as in SMTP), so a status line is always a
/// single dot followed by a word.
/// </summary>
internal static class ConsoleWire
{
    /// <summary>The longest command line, in bytes, without its <c>\n</c>.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>The file name of the socket in the data folder.</summary>
    public const string FileName = "console.sock";

    /// <summary>The most bytes a Unix socket's path may have (108 with its NUL).</summary>
    public const int MaxPathBytes = 107;

    /// <summary>The status line after a command's output.</summary>
    public const string Ok = ".ok";

    /// <summary>The status line after a command that failed.</summary>
    public const string Failed = ".failed";

    /// <summary>The status line after the command that closed the server.</summary>
    public const string Closed = ".closed";

    /// <summary>The status line after the server refused the client.</summary>
    public const string Refused = ".refused";

    /// <summary>The UTF-8 the socket speaks, without a byte order mark.</summary>
    public static UTF8Encoding Encoding { get; } = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Encodes a reply: its lines, dot-stuffed, then its status line.</summary>
    /// <param name="output">What the command wrote; split into lines.</param>
    /// <param name="status">One of the status lines.</param>
    /// <returns>The bytes to send.</returns>
    public static byte[] Reply(string output, string status)
    {
        var text = new StringBuilder(output.Length + 16);
        foreach (var line in Lines(output))
        {
            text.Append(line.StartsWith('.') ? "." : string.Empty).Append(line).Append('\n');
        }

        text.Append(status).Append('\n');
        return Encoding.GetBytes(text.ToString());
    }

    /// <summary>Whether a received line is a status line, and then which.</summary>
    /// <param name="line">A line as received, without its <c>\n</c>.</param>
    /// <param name="status">The status line, or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> for an output line.</returns>
    public static bool IsStatus(string line, out string? status)
    {
        status = line.Length >= 2 && line[0] == '.' && line[1] != '.' ? line : null;
        return status is not null;
    }

    /// <summary>An output line as received, without its stuffed dot.</summary>
    /// <param name="line">A line that is not a status line.</param>
    /// <returns>The line the command wrote.</returns>
    public static string Unstuff(string line) => line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line;

    /// <summary>The lines of a command's output: without the last empty line, and with carriage returns dropped.</summary>
    private static IEnumerable<string> Lines(string output)
    {
        if (output.Length == 0)
        {
            yield break;
        }

        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var count = lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            yield return lines[i];
        }
    }
}
