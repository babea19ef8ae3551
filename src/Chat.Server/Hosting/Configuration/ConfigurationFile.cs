using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Chat.Server;

/// <summary>
/// A JSON configuration file (<c>--config</c>): one object whose keys are the options' long names
/// without dashes, <c>{ "port": 5000, "room": ["#dev"], "operator-creates-rooms": true }</c>;
/// comments (<c>//</c>, <c>/* */</c>) and trailing commas are allowed. Messages give the line.
/// </summary>
internal sealed class ConfigurationFile : ConfigurationLayer
{
    private readonly string _name;
    private readonly JsonFileIndex _index;

    private ConfigurationFile(string name, JsonFileIndex index, IConfiguration values)
        : base(SettingSource.File, values)
    {
        _name = name;
        _index = index;
    }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="ConfigurationException">It is missing, cannot be read, or is not a JSON object; the message says which, with the line.</exception>
    public static ConfigurationFile Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ConfigurationException($"--config: \"{path}\" is a folder, not a file.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigurationException($"--config: the file \"{path}\" does not exist.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConfigurationException($"--config: the file \"{path}\" cannot be read: permission denied.", ex);
        }
        catch (IOException ex)
        {
            throw new ConfigurationException($"--config: the file \"{path}\" cannot be read: {ex.Message}", ex);
        }

        var index = JsonFileIndex.Read(path, bytes);
        IConfiguration values;
        try
        {
            values = new ConfigurationBuilder().AddJsonStream(new MemoryStream(bytes)).Build();
        }
        catch (FormatException ex)
        {
            // The index has read the same bytes with the same rules, so this is not expected; still one line.
            throw new ConfigurationException($"{path}: {ex.Message}", ex);
        }

        return new ConfigurationFile(path, index, values);
    }

    protected override string Where(string path) => $"{_name} line {_index.LineOf(path)}";

    protected override string Unknown(string path) => $"{Where(path)}: unknown setting \"{path}\"";


    protected override string SpellSuggestion(string key) => $"\"{key}\"";

    protected override string SpellOption(string key, Option option) => $"\"{key}\"";

    protected override int OrderOf(string path) => _index.LineOf(path);

    protected override JsonTokenType KindOf(string path) => _index.KindOf(path);
}
