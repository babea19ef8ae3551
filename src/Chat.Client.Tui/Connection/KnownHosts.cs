using Chat.Protocol;

namespace Chat.Client.Tui.Connection;

/// <summary>
/// The servers whose self-signed certificates the user chose to trust, as SSH's known_hosts:
/// one line per server, <c>host:port SHA-256-fingerprint</c>, in
/// <c>$XDG_DATA_HOME/chatroom/known_hosts</c> (by default <c>~/.local/share/chatroom/known_hosts</c>).
/// Lines starting with <c>#</c> and lines this client cannot read are kept as they are. To accept
/// a server's new certificate, delete its line; the next connection asks again.
/// </summary>
/// <remarks>The file is read on every lookup (another client may have trusted a server since) and
/// rewritten whole, through a temporary file, readable by its owner only.</remarks>
public sealed class KnownHosts(string? path)
{
    /// <summary>The file, or <see langword="null"/> when there is none (no home folder): then nothing is remembered past this run.</summary>
    public string? Path { get; } = path;

    private readonly Dictionary<string, string> _session = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the file is kept unless the environment says otherwise.</summary>
    /// <param name="environment">Reads an environment variable.</param>
    /// <returns>The path, or <see langword="null"/> when neither XDG_DATA_HOME nor HOME is set.</returns>
    public static string? DefaultPath(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var folder = environment("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(folder) || !System.IO.Path.IsPathRooted(folder))
        {
            var home = environment("HOME");
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }

            folder = System.IO.Path.Combine(home, ".local", "share");
        }

        return System.IO.Path.Combine(folder, "chatroom", "known_hosts");
    }

    /// <summary>The fingerprint remembered for a server.</summary>
    /// <param name="endpoint">The server, "host:port".</param>
    /// <returns>The fingerprint, or <see langword="null"/> when the server is not known.</returns>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    public string? Find(string endpoint)
    {
        lock (_session)
        {
            if (_session.TryGetValue(endpoint, out var remembered))
            {
                return remembered;
            }
        }

        foreach (var line in ReadLines())
        {
            if (TryParse(line, out var host, out var fingerprint) && string.Equals(host, endpoint, StringComparison.OrdinalIgnoreCase))
            {
                return fingerprint;
            }
        }

        return null;
    }

    /// <summary>Remembers a server's fingerprint, replacing what was remembered for it.</summary>
    /// <param name="endpoint">The server, "host:port".</param>
    /// <param name="fingerprint">Its certificate's SHA-256 fingerprint.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="ArgumentException">The fingerprint is not a SHA-256 fingerprint.</exception>
    public void Remember(string endpoint, string fingerprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var normalized = ChatTlsOptions.Pinned(fingerprint).PinnedFingerprint!;
        lock (_session)
        {
            _session[endpoint] = normalized;
        }

        if (Path is null)
        {
            return;
        }

        var lines = ReadLines()
            .Where(line => !(TryParse(line, out var host, out _) && string.Equals(host, endpoint, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (lines.Count == 0)
        {
            lines.Add("# Servers whose TLS certificates you chose to trust: host:port SHA-256-fingerprint.");
            lines.Add("# Delete a server's line to accept a new certificate for it; the client then asks again.");
        }

        lines.Add($"{endpoint} {normalized}");
        Write(lines);
    }

    /// <summary>The warning for a server whose certificate is not the one remembered.</summary>
    /// <param name="endpoint">The server, "host:port".</param>
    /// <param name="remembered">The fingerprint remembered.</param>
    /// <param name="presented">The fingerprint the server presented now.</param>
    /// <returns>What changed, and how to accept the new certificate if that is intended.</returns>
    public string DescribeChange(string endpoint, string remembered, string? presented) =>
        $"WARNING: the certificate of {endpoint} has changed. It was {remembered}, and it is now {presented ?? "unknown"}. " +
        "Someone may be intercepting the connection, so the client does not connect. " +
        $"If the server's operator confirms that the certificate was replaced, delete the line for {endpoint} from {Path ?? "the known hosts"} and connect again.";

    private List<string> ReadLines()
    {
        if (Path is null)
        {
            return [];
        }

        try
        {
            return [.. File.ReadAllLines(Path)];
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"The known hosts file {Path} cannot be read: permission denied.", ex);
        }
    }

    private void Write(List<string> lines)
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var temporary = Path + ".new";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(new FileStream(temporary, options)))
            {
                foreach (var line in lines)
                {
                    writer.WriteLine(line);
                }
            }

            File.Move(temporary, Path!, overwrite: true);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"The known hosts file {Path} cannot be written: permission denied.", ex);
        }
    }

    private static bool TryParse(string line, out string endpoint, out string fingerprint)
    {
        endpoint = fingerprint = string.Empty;
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('#'))
        {
            return false;
        }

        var parts = trimmed.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            return false;
        }

        try
        {
            fingerprint = ChatTlsOptions.Pinned(parts[1]).PinnedFingerprint!;
        }
        catch (ArgumentException)
        {
            return false;
        }

        endpoint = parts[0];
        return true;
    }
}
