using System.CommandLine;
using System.CommandLine.Parsing;

namespace Chat.Server;

/// <summary>A command line parsed with the settings of the configuration file and the environment for the options it did not give.</summary>
/// <param name="Result">The parse of the command line and those settings together: what the server runs with.</param>
/// <param name="CommandLine">The parse of the command line alone.</param>
/// <param name="Applied">The file's and the environment's settings in force, by option (none the command line gave).</param>
/// <param name="ConfigPath">The configuration file read, if any.</param>
internal sealed record ConfiguredParse(
    ParseResult Result, ParseResult CommandLine, IReadOnlyDictionary<Option, ConfiguredSetting> Applied, string? ConfigPath)
{
    /// <summary>Whether the command line itself gave the option.</summary>
    public bool OnCommandLine(Option option) => CommandLine.GetResult(option) is OptionResult { Implicit: false };

    /// <summary>Where the option's value in force came from.</summary>
    public SettingSource SourceOf(Option option) =>
        OnCommandLine(option) ? SettingSource.CommandLine
        : Applied.TryGetValue(option, out var setting) ? setting.Source
        : SettingSource.Default;
}
