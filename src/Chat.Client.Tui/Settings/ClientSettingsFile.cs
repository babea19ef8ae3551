using System.Text;
using System.Text.Json;
using Chat.Protocol;

namespace Chat.Client.Tui.Settings;

/// <summary>
/// The client's configuration file: JSON (comments and trailing commas allowed) in the XDG
/// configuration folder, <c>$XDG_CONFIG_HOME/chatroom/client.json</c>, by default
/// <c>~/.config/chatroom/client.json</c>. Every setting is optional; an unknown key or a bad
/// value is an error that names the key and its line, so a typo is never silently ignored.
/// </summary>
/// <remarks>
/// <code>
/// {
///   "server": "chat.example.com:5000", // host, host:port or [IPv6]:port
///   "name": "alice",
///   "bell": true,                      // ring on a mention or a private message
///   "timestamps": "seconds",           // "minutes", "seconds" or "off"
///   "colors": "auto",                  // "auto" or "mono"
///   "tls": true,                       // connect with TLS (the server's certificate is checked; see KnownHosts)
///   "ignore": ["spammer"]
/// }
/// </code>
/// </remarks>
public static class ClientSettingsFile
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Where the file is looked for unless <c>--config</c> names another.</summary>
    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <returns>The path, or <see langword="null"/> when neither XDG_CONFIG_HOME nor HOME is set.</returns>
    public static string? DefaultPath(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var folder = environment("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(folder) || !Path.IsPathRooted(folder))
        {
            // The XDG base directory spec: a relative XDG_CONFIG_HOME is invalid and is ignored.
            var home = environment("HOME");
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }

            folder = Path.Combine(home, ".config");
        }

        return Path.Combine(folder, "chatroom", "client.json");
    }

    /// <summary>Reads the file at <paramref name="path"/> over <paramref name="baseline"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="mustExist">Whether a missing file is an error (it was named with <c>--config</c>) or means "no settings".</param>
    /// <param name="baseline">The settings the file's values override.</param>
    /// <param name="settings">The result, when this returns <see langword="true"/>.</param>
    /// <param name="error">What is wrong, in words, naming the file, the key and the line.</param>
    /// <returns>Whether the file was read (or, when it need not exist, is absent).</returns>
    public static bool TryLoad(string path, bool mustExist, ClientSettings baseline, out ClientSettings settings, out string error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(baseline);
        settings = baseline;
        error = string.Empty;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            if (!mustExist)
            {
                return true;
            }

            error = $"The configuration file {path} does not exist.";
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"The configuration file {path} cannot be read: {(ex is UnauthorizedAccessException ? "permission denied" : "input/output error")}.";
            return false;
        }

        return TryParse(bytes, path, baseline, out settings, out error);
    }

    /// <summary>Reads settings from the file's bytes.</summary>
    /// <param name="json">The file's content, UTF-8.</param>
    /// <param name="path">The file's name, for error messages.</param>
    /// <param name="baseline">The settings the file's values override.</param>
    /// <param name="settings">The result, when this returns <see langword="true"/>.</param>
    /// <param name="error">What is wrong, in words.</param>
    /// <returns>Whether the content is valid.</returns>
    public static bool TryParse(ReadOnlySpan<byte> json, string path, ClientSettings baseline, out ClientSettings settings, out string error)
    {
        settings = baseline;
        error = string.Empty;
        if (json.StartsWith(Encoding.UTF8.Preamble))
        {
            json = json[Encoding.UTF8.Preamble.Length..];
        }

        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return true; // An empty file: no settings.
        }

        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                return true; // Only comments: no settings.
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = $"{path}: line {LineOf(json, reader.TokenStartIndex)}: the file must hold one JSON object, {{ \"key\": value, ... }}.";
                return false;
            }

            var result = baseline;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var line = LineOf(json, reader.TokenStartIndex);
                reader.Read();
                if (!TryApply(ref reader, key, result, out result, out var problem))
                {
                    error = $"{path}: line {line}: \"{key}\" {problem}";
                    return false;
                }
            }

            settings = result;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"{path}: line {(ex.LineNumber ?? 0) + 1}: this is not valid JSON.";
            return false;
        }
    }

    private static bool TryApply(ref Utf8JsonReader reader, string key, ClientSettings current, out ClientSettings result, out string problem)
    {
        result = current;
        problem = string.Empty;
        switch (key)
        {
            case "server":
                if (!TryString(ref reader, out var server, out problem))
                {
                    return false;
                }

                if (!ServerAddress.TryParse(server, out var address, out var why))
                {
                    problem = $"is not a server address: {why}";
                    return false;
                }

                result = current with { Host = address.Host, Port = address.Port ?? current.Port };
                return true;
            case "name":
                if (!TryString(ref reader, out var name, out problem))
                {
                    return false;
                }

                var nameProblem = UserNameRules.Check(name);
                if (nameProblem != UserNameProblem.None)
                {
                    problem = $"is not a user name: {UserNameRules.Describe(nameProblem, name)}";
                    return false;
                }

                result = current with { Name = UserNameRules.Normalize(name) };
                return true;
            case "bell":
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    problem = "must be true or false.";
                    return false;
                }

                result = current with { Bell = reader.GetBoolean() };
                return true;
            case "timestamps":
                if (!TryString(ref reader, out var style, out problem))
                {
                    return false;
                }

                TimestampStyle? parsed = style switch
                {
                    "minutes" => TimestampStyle.Minutes,
                    "seconds" => TimestampStyle.Seconds,
                    "off" => TimestampStyle.Off,
                    _ => null,
                };
                if (parsed is null)
                {
                    problem = "must be \"minutes\", \"seconds\" or \"off\".";
                    return false;
                }

                result = current with { Timestamps = parsed.Value };
                return true;
            case "colors":
                if (!TryString(ref reader, out var colors, out problem) || colors is not ("auto" or "mono"))
                {
                    problem = "must be \"auto\" or \"mono\".";
                    return false;
                }

                result = current with { Mono = colors == "mono" };
                return true;
            case "tls":
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    problem = "must be true or false.";
                    return false;
                }

                result = current with { Tls = reader.GetBoolean() };
                return true;
            case "ignore":
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    problem = "must be a list of user names, [\"name\", ...].";
                    return false;
                }

                var names = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String || UserNameRules.Check(reader.GetString()) != UserNameProblem.None)
                    {
                        problem = "must be a list of user names, [\"name\", ...].";
                        return false;
                    }

                    names.Add(UserNameRules.Normalize(reader.GetString()));
                }

                result = current with { Ignore = names };
                return true;
            default:
                problem = "is not a setting; the settings are server, name, bell, timestamps, colors, tls and ignore.";
                reader.Skip();
                return false;
        }
    }

    private static bool TryString(ref Utf8JsonReader reader, out string value, out string problem)
    {
        value = string.Empty;
        problem = string.Empty;
        if (reader.TokenType != JsonTokenType.String)
        {
            problem = "must be a string in double quotes.";
            return false;
        }

        value = reader.GetString()!;
        return true;
    }

    private static long LineOf(ReadOnlySpan<byte> json, long offset) =>
        json[..(int)Math.Min(offset, json.Length)].Count((byte)'\n') + 1;
}
