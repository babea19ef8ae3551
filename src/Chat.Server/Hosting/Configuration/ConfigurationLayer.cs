using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Chat.Server;

/// <summary>
/// The settings of one source, a configuration file or the environment, read through
/// Microsoft.Extensions.Configuration and checked against the command's options: every key must
/// name an option, a single value must be one value, a switch true or false.
/// </summary>
internal abstract class ConfigurationLayer
{
    private readonly IConfiguration _values;

    protected ConfigurationLayer(SettingSource source, IConfiguration values)
    {
        Source = source;
        _values = values;
    }

    /// <summary>The file or the environment.</summary>
    public SettingSource Source { get; }

    /// <summary>The settings this source gives, by option.</summary>
    /// <exception cref="ConfigurationException">A key names no option, names one twice, or its value has the wrong shape.</exception>
    public IReadOnlyDictionary<Option, ConfiguredSetting> Read(ConfigurableOptions options)
    {
        var settings = new Dictionary<Option, ConfiguredSetting>();
        // In the order they were written (Microsoft.Extensions.Configuration sorts keys), so the first problem is the first in the file.
        foreach (var section in _values.GetChildren().OrderBy(s => OrderOf(s.Path)))
        {
            if (!options.TryFind(section.Key, out var option))
            {
                var suggestion = options.Suggest(section.Key);
                throw new ConfigurationException(
                    $"{Unknown(section.Path)}" + (suggestion is null ? "." : $"; did you mean {SpellSuggestion(suggestion)}?"));
            }

            if (settings.TryGetValue(option, out var first))
            {
                throw new ConfigurationException($"{Where(section.Path)}: {SpellOption(section.Key, option)} sets {option.Name} a second time ({first.Where}).");
            }

            if (KindOf(section.Path) == JsonTokenType.Null)
            {
                continue;
            }

            var (values, wheres) = ValuesOf(section, option);
            settings[option] = new ConfiguredSetting(option, Source, values, Where(section.Path), wheres, SpellOption(section.Key, option));
        }

        return settings;
    }

    /// <summary>Where a path was set, for messages: <c>chatroom.json line 3</c>.</summary>
    protected abstract string Where(string path);

    /// <summary>The start of the message for a key that names no option: <c>chatroom.json line 7: unknown setting "max-client"</c>.</summary>
    protected abstract string Unknown(string path);

    /// <summary>How a message names the key it suggests for a mistyped one.</summary>
    protected abstract string SpellSuggestion(string key);

    /// <summary>How a message of the option's parser names the setting instead of the option.</summary>
    protected abstract string SpellOption(string key, Option option);

    /// <summary>Where a path stands in the source (a file's line); 0 where there is no order (the environment).</summary>
    protected virtual int OrderOf(string path) => 0;

    /// <summary>What JSON kind a path holds, where that is known (a file); <see cref="JsonTokenType.None"/> otherwise.</summary>
    protected virtual JsonTokenType KindOf(string path) => JsonTokenType.None;

    /// <summary>Splits one value given for a list into its items (the environment's comma-separated form); by default the value is one item.</summary>
    protected virtual IEnumerable<string> SplitList(string value) => [value];

    private (IReadOnlyList<string> Values, IReadOnlyList<string> Wheres) ValuesOf(IConfigurationSection section, Option option)
    {
        var children = section.GetChildren().ToList();
        var kind = KindOf(section.Path);
        if (kind == JsonTokenType.StartObject || (children.Count > 0 && children.Any(c => !int.TryParse(c.Key, out _))))
        {
            throw new ConfigurationException($"{Where(section.Path)}: {SpellOption(section.Key, option)} must be {Expected(option)}, not an object.");
        }

        if (ConfigurableOptions.IsList(option))
        {
            if (children.Count == 0)
            {
                var items = kind == JsonTokenType.StartArray || string.IsNullOrEmpty(section.Value) ? [] : SplitList(section.Value).ToList();
                return (items, items.Select(_ => Where(section.Path)).ToList());
            }

            foreach (var child in children)
            {
                var childKind = KindOf(child.Path);
                if (child.GetChildren().Any() || childKind is JsonTokenType.StartArray or JsonTokenType.StartObject or JsonTokenType.Null)
                {
                    throw new ConfigurationException($"{Where(child.Path)}: {SpellOption(section.Key, option)} must be a list of plain values (text or numbers), and item {child.Key} is not.");
                }
            }

            return (children.Select(c => c.Value ?? string.Empty).ToList(), children.Select(c => Where(c.Path)).ToList());
        }

        if (children.Count > 0 || kind == JsonTokenType.StartArray)
        {
            throw new ConfigurationException($"{Where(section.Path)}: {SpellOption(section.Key, option)} must be {Expected(option)}, not a list.");
        }

        var value = section.Value ?? string.Empty;
        if (ConfigurableOptions.IsFlag(option))
        {
            if (!bool.TryParse(value, out var flag) || (kind != JsonTokenType.None && kind is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.String)))
            {
                throw new ConfigurationException($"{Where(section.Path)}: {SpellOption(section.Key, option)} must be true or false, not \"{value}\".");
            }

            value = flag ? "true" : "false";
        }

        return ([value], [Where(section.Path)]);
    }

    private static string Expected(Option option) => ConfigurableOptions.IsFlag(option) ? "true or false" : "one value";
}
