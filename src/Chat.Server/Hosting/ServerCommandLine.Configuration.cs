using System.Collections;
using System.CommandLine;

namespace Chat.Server;

/// <summary>The command line's options of configuration: a file of settings, and printing the settings in force.</summary>
internal sealed partial class ServerCommandLine
{
    private readonly Option<string?> _config = new("--config")
    {
        Description = "A JSON file of settings: each key an option's name without the dashes, such as { \"port\": 5000, \"room\": [\"#dev\"] } " +
            $"(see deploy/chatroom.json). Environment variables {EnvironmentSettings.Prefix}<NAME> (CHATROOM_PORT=5000) override the file, " +
            $"the command line overrides both. Default: {EnvironmentSettings.ConfigVariable}, else none.",
        HelpName = "file",
    };

    private readonly Option<bool> _printConfig = new("--print-config")
    {
        Description = "Print the settings in force, each with where it came from (command line, environment, file or default), as a configuration file, and exit.",
    };

    private ConfiguredParser? _configured;

    private ConfiguredParser Configured => _configured ??= new ConfiguredParser(Command, _config, _printConfig);

    private void AddConfigurationOptions()
    {
        Command.Options.Add(_config);
        Command.Options.Add(_printConfig);
    }

    /// <summary>Parses the command line with the configuration file's and the environment's settings for the options it does not give.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">The environment variables.</param>
    /// <returns>The parse the server runs with, or the one line that says what is wrong (exit code 1).</returns>
    internal (ConfiguredParse? Parse, string? Problem) Parse(IReadOnlyList<string> args, IDictionary environment)
    {
        var commandLine = Command.Parse(args);
        if (commandLine.Errors.Count > 0)
        {
            return (null, string.Join(Environment.NewLine, commandLine.Errors.Select(e => $"{e.Message} (see --help)")));
        }

        // Help, version and the subcommands do not read the configuration: a broken file never hides --help.
        if (commandLine.CommandResult.Command != Command || commandLine.Action != Command.Action)
        {
            return (new ConfiguredParse(commandLine, commandLine, new Dictionary<Option, ConfiguredSetting>(), null), null);
        }

        try
        {
            _parse = Configured.Parse(commandLine, args, environment);
            return (_parse, null);
        }
        catch (ConfigurationException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Parses the command line with the configuration into the server's settings, as the server would start with them.</summary>
    /// <returns>The settings, or the one line that says what is wrong.</returns>
    internal (ChatServerOptions? Options, string? Problem) ParseOptions(IReadOnlyList<string> args, IDictionary environment)
    {
        var (parse, problem) = Parse(args, environment);
        if (parse is null)
        {
            return (null, problem);
        }

        try
        {
            return (ToOptions(parse.Result), null);
        }
        catch (ArgumentException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Writes the settings in force for <c>--print-config</c>.</summary>
    private void PrintConfig(ConfiguredParse parse, TextWriter output) => SettingsPrinter.Write(output, Configured.Options, parse);
}
