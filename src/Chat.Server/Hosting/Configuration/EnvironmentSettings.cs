using System.Collections;
using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace Chat.Server;

/// <summary>
/// Settings from environment variables: <c>CHATROOM_</c> and the option's key, in any letter case
/// with '_' for '-' (<c>CHATROOM_MAX_CLIENTS=500</c> sets <c>--max-clients</c>). A list is
/// comma-separated (<c>CHATROOM_ROOM=#dev,#ops</c>) or one variable per item, in the form
/// Microsoft.Extensions.Configuration gives environment variables (<c>CHATROOM_ROOM__0=#dev</c>).
/// <c>CHATROOM_CONFIG</c> names the configuration file when <c>--config</c> does not.
/// </summary>
internal sealed class EnvironmentSettings : ConfigurationLayer
{
    /// <summary>What every variable of the server's settings starts with.</summary>
    public const string Prefix = "CHATROOM_";

    /// <summary>The variable that names the configuration file.</summary>
    public const string ConfigVariable = "CHATROOM_CONFIG";

    private EnvironmentSettings(IConfiguration values)
        : base(SettingSource.Environment, values)
    {
    }

    /// <summary>Reads the server's variables out of an environment.</summary>
    /// <param name="environment">The variables by name (<see cref="Environment.GetEnvironmentVariables()"/>, or a test's own).</param>
    public static EnvironmentSettings Read(IDictionary environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry variable in environment)
        {
            if (variable.Key is string name && name.StartsWith(Prefix, StringComparison.Ordinal)
                && name.Length > Prefix.Length && name != ConfigVariable)
            {
                // The "__" of Microsoft.Extensions.Configuration's environment variables separates a key's parts.
                values[name[Prefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = variable.Value as string;
            }
        }

        return new EnvironmentSettings(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    /// <summary>The configuration file the environment names, if any.</summary>
    public static string? ConfigPath(IDictionary environment) =>
        environment[ConfigVariable] is string { Length: > 0 } path ? path : null;

    protected override string Where(string path) => $"environment variable {VariableOf(path)}";

    protected override string Unknown(string path) => $"environment variable {VariableOf(path)} is no setting of the server";


    protected override string SpellSuggestion(string key) => VariableOf(key.ToUpperInvariant().Replace('-', '_'));

    protected override string SpellOption(string key, Option option) => option.Name;

    protected override IEnumerable<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string VariableOf(string path) => Prefix + path.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal);
}
