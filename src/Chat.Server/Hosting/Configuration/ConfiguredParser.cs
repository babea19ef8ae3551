using System.Collections;
using System.CommandLine;
using System.CommandLine.Parsing;

namespace Chat.Server;

/// <summary>
/// Gives a root command's options values from a configuration file and the environment, with no
/// list of options of its own: for each option the command line did not give, the environment's
/// value or else the file's becomes command-line tokens, and the command line is parsed again
/// with them, so every value goes through its option's own parser and checks. The command line
/// wins over the environment, which wins over the file, which wins over the defaults.
/// </summary>
internal sealed class ConfiguredParser
{
    private readonly Command _command;
    private readonly Option<string?> _config;

    /// <summary>Serves <paramref name="command"/>.</summary>
    /// <param name="command">The root command.</param>
    /// <param name="config">Its option that names the configuration file.</param>
    /// <param name="notSettings">Its other options that are not settings (<c>--print-config</c>).</param>
    public ConfiguredParser(Command command, Option<string?> config, params Option[] notSettings)
    {
        _command = command;
        _config = config;
        Options = new ConfigurableOptions(command, [config, .. notSettings]);
    }

    /// <summary>The options a file and the environment may set.</summary>
    public ConfigurableOptions Options { get; }

    /// <summary>Adds the file's and the environment's settings to a clean parse of the root command's command line.</summary>
    /// <param name="commandLine">The parse of <paramref name="args"/> alone, without errors.</param>
    /// <param name="args">The command line.</param>
    /// <param name="environment">The environment variables.</param>
    /// <exception cref="ConfigurationException">The file or a variable is bad; the message says where (the file's line, or the variable) and why.</exception>
    public ConfiguredParse Parse(ParseResult commandLine, IReadOnlyList<string> args, IDictionary environment)
    {
        var path = commandLine.GetValue(_config) ?? EnvironmentSettings.ConfigPath(environment);
        var layers = new List<ConfigurationLayer>();
        if (path is not null)
        {
            layers.Add(ConfigurationFile.Read(path));
        }

        layers.Add(EnvironmentSettings.Read(environment));

        // Every layer is read and checked whole, so a typo or a bad value is an error even where a higher source overrides it.
        var applied = new Dictionary<Option, ConfiguredSetting>();
        foreach (var layer in layers)
        {
            var settings = layer.Read(Options);
            Check(settings);
            foreach (var (option, setting) in settings)
            {
                applied[option] = setting;
            }
        }

        foreach (var option in applied.Keys.ToList())
        {
            if (commandLine.GetResult(option) is OptionResult { Implicit: false })
            {
                applied.Remove(option);
            }
        }

        var tokens = applied.Values.SelectMany(s => s.Tokens()).ToList();
        if (tokens.Count == 0)
        {
            return new ConfiguredParse(commandLine, commandLine, applied, path);
        }

        var result = _command.Parse([.. tokens, .. args]);
        ThrowOnError(result, applied);
        return new ConfiguredParse(result, commandLine, applied, path);
    }

    /// <summary>Parses one source's settings alone, so each value meets its option's parser.</summary>
    private void Check(IReadOnlyDictionary<Option, ConfiguredSetting> settings)
    {
        var tokens = settings.Values.SelectMany(s => s.Tokens()).ToList();
        if (tokens.Count > 0)
        {
            ThrowOnError(_command.Parse(tokens), settings);
        }
    }

    private static void ThrowOnError(ParseResult result, IReadOnlyDictionary<Option, ConfiguredSetting> settings)
    {
        if (result.Errors.Count > 0)
        {
            var problem = result.Errors[0];
            var option = OptionOf(problem.SymbolResult);
            throw new ConfigurationException(
                option is not null && settings.TryGetValue(option, out var setting) ? setting.Explain(problem.Message) : problem.Message);
        }
    }

    private static Option? OptionOf(SymbolResult? symbol)
    {
        for (; symbol is not null; symbol = symbol.Parent)
        {
            if (symbol is OptionResult option)
            {
                return option.Option;
            }
        }

        return null;
    }
}
