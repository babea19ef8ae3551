using System.Collections;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Chat.Server;

/// <summary>
/// Writes the settings in force (<c>--print-config</c>): every option with its value and, in a
/// comment, where the value came from. The text is itself a configuration file: JSON with
/// <c>//</c> comments, which <c>--config</c> reads back to the same settings (secret values aside,
/// which are hidden).
/// </summary>
internal static class SettingsPrinter
{
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the settings of <paramref name="parse"/>.</summary>
    public static void Write(TextWriter output, ConfigurableOptions options, ConfiguredParse parse)
    {
        var lines = new List<(string Text, string Comment)>();
        foreach (var option in options.All)
        {
            var (values, comment) = ValuesOf(option, parse);
            if (ConfigurableOptions.IsSecret(option) && values is { Count: > 0 })
            {
                values = values.Select(ConfigurableOptions.Mask).ToList();
                comment += "; secrets hidden: put them back before using this as a file";
            }

            lines.Add(($"  \"{ConfigurableOptions.KeyOf(option)}\": {Json(option, values)}", comment));
        }

        var sources = parse.ConfigPath is null
            ? "the command line, CHATROOM_* environment variables, the defaults"
            : $"the command line, CHATROOM_* environment variables, {parse.ConfigPath}, the defaults";
        output.WriteLine($"// The settings in force; each wins over the next: {sources}.");
        output.WriteLine("// This is itself a configuration file: the server reads it with --config <file>.");
        output.WriteLine("{");
        var width = lines.Max(l => l.Text.Length) + 1;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Text + (i < lines.Count - 1 ? "," : string.Empty);
            output.WriteLine($"{text.PadRight(width)} // {lines[i].Comment}");
        }

        output.WriteLine("}");
    }

    private static (IReadOnlyList<string>? Values, string Comment) ValuesOf(Option option, ConfiguredParse parse)
    {
        if (parse.CommandLine.GetResult(option) is OptionResult { Implicit: false } given)
        {
            var tokens = given.Tokens.Select(t => t.Value).ToList();
            if (ConfigurableOptions.IsFlag(option) && tokens.Count == 0)
            {
                tokens.Add("true");
            }

            return (ConfigurableOptions.IsList(option) || tokens.Count == 0 ? tokens : [tokens[^1]], "command line");
        }

        if (parse.Applied.TryGetValue(option, out var setting))
        {
            return (setting.Values, setting.Where);
        }

        if (option.HasDefaultValue)
        {
            var values = Format(option.GetDefaultValue());
            return (values, values is null ? "default: not set" : "default");
        }

        return ConfigurableOptions.IsFlag(option) ? (["false"], "default") : (null, "default: not set");
    }

    private static List<string>? Format(object? value) => value switch
    {
        null => null,
        string text => [text],
        IEnumerable items => items.Cast<object?>().Select(item => Format(item)?.FirstOrDefault() ?? string.Empty).ToList(),
        bool flag => [flag ? "true" : "false"],
        Enum kind => [kind.ToString().ToLowerInvariant()],
        IFormattable formattable => [formattable.ToString(null, CultureInfo.InvariantCulture)],
        _ => [value.ToString() ?? string.Empty],
    };

    private static string Json(Option option, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return "null";
        }

        if (ConfigurableOptions.IsList(option))
        {
            return "[" + string.Join(", ", values.Select(v => JsonSerializer.Serialize(v, s_json))) + "]";
        }

        var value = values.Count > 0 ? values[^1] : string.Empty;
        if (ConfigurableOptions.IsFlag(option) && bool.TryParse(value, out var flag))
        {
            return flag ? "true" : "false";
        }

        if (ConfigurableOptions.IsNumber(option)
            && double.TryParse(value, NumberStyles.Float | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            return number.ToString("R", CultureInfo.InvariantCulture);
        }

        return JsonSerializer.Serialize(value, s_json);
    }
}
