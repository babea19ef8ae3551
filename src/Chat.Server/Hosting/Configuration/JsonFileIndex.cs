using System.Text.Json;

namespace Chat.Server;

/// <summary>
/// The line and the kind of every key and value of a JSON configuration file, by the path
/// Microsoft.Extensions.Configuration gives it (<c>port</c>, <c>room:0</c>), which that library
/// does not keep. Reading the file also checks it is JSON as that library reads it (comments and
/// trailing commas allowed) with one object at the top and no key twice, and says on which line
/// it is not.
/// </summary>
internal sealed class JsonFileIndex
{
    private static readonly JsonReaderOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, (int Line, JsonTokenType Kind)> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<int> _lineStarts = [0];
    private readonly string _name;

    private JsonFileIndex(string name, ReadOnlySpan<byte> json)
    {
        _name = name;
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>Reads a file's bytes.</summary>
    /// <param name="name">The file's name as messages show it.</param>
    /// <param name="json">Its bytes (UTF-8, with or without a byte order mark).</param>
    /// <exception cref="ConfigurationException">It is not JSON, not one object, or has a key twice; the message gives the line.</exception>
    public static JsonFileIndex Read(string name, ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new ConfigurationException($"{name}: the file is empty; it must hold one JSON object of settings, such as {{ \"port\": 5000 }}.");
        }

        var index = new JsonFileIndex(name, json);
        var reader = new Utf8JsonReader(json, s_options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw index.Error(reader.TokenStartIndex, "the file must hold one JSON object of settings, such as { \"port\": 5000 }.");
            }

            index.ReadObject(ref reader, prefix: null);

            // Anything but comments and white space after the object is an error.
            reader.Read();
        }
        catch (JsonException ex)
        {
            var message = ex.Message;
            var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (position > 0)
            {
                message = message[..position];
            }

            throw new ConfigurationException($"{name} line {(ex.LineNumber ?? 0) + 1}: not valid JSON: {message}", ex);
        }

        return index;
    }

    /// <summary>The line (from 1) a path's key, or a list item, is on.</summary>
    public int LineOf(string path) => _entries.TryGetValue(path, out var entry) ? entry.Line : 1;

    /// <summary>What kind of JSON value a path holds: a string, a number, true, false, null, an object or an array.</summary>
    public JsonTokenType KindOf(string path) => _entries.TryGetValue(path, out var entry) ? entry.Kind : JsonTokenType.None;

    private void ReadObject(ref Utf8JsonReader reader, string? prefix)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            var line = Line(reader.TokenStartIndex);
            var path = prefix is null ? key : $"{prefix}:{key}";
            if (_entries.TryGetValue(path, out var first))
            {
                throw new ConfigurationException($"{_name} line {line}: \"{key}\" is set twice (also on line {first.Line}).");
            }

            reader.Read();
            ReadValue(ref reader, path, line);
        }
    }

    private void ReadValue(ref Utf8JsonReader reader, string path, int line)
    {
        _entries[path] = (line, reader.TokenType);
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadObject(ref reader, path);
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            var i = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                ReadValue(ref reader, $"{path}:{i++}", Line(reader.TokenStartIndex));
            }
        }
    }

    private ConfigurationException Error(long position, string message) => new($"{_name} line {Line(position)}: {message}");

    private int Line(long position)
    {
        var found = _lineStarts.BinarySearch((int)position);
        return (found >= 0 ? found : ~found - 1) + 1;
    }
}
