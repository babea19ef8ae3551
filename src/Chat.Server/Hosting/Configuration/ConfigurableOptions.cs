using System.Collections;
using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text;

namespace Chat.Server;

/// <summary>
/// The options of a root command that a configuration file and the environment may set: all of
/// them but help, version and those that steer the configuration itself. A setting's key is the
/// option's long name without its dashes (<c>max-clients</c>); keys match ignoring letter case,
/// '-' and '_', so <c>maxClients</c> and <c>MAX_CLIENTS</c> name it too.
/// </summary>
internal sealed class ConfigurableOptions
{
    /// <summary>Options whose values hold secrets: <c>--print-config</c> shows what comes before the first ':' (the name) and hides the rest.</summary>
    private static readonly HashSet<string> s_secret = new(StringComparer.Ordinal) { "--operator" };

    private readonly Dictionary<string, Option> _byKey = new(StringComparer.Ordinal);

    /// <summary>Collects the settable options of <paramref name="command"/>.</summary>
    /// <param name="command">The root command.</param>
    /// <param name="notSettings">Its options that are not settings (<c>--config</c>, <c>--print-config</c>).</param>
    /// <exception cref="InvalidOperationException">Two options have the same key once case, '-' and '_' are ignored.</exception>
    public ConfigurableOptions(Command command, IEnumerable<Option> notSettings)
    {
        var excluded = notSettings.ToHashSet();
        var all = new List<Option>();
        foreach (var option in command.Options)
        {
            if (option is HelpOption or VersionOption || excluded.Contains(option))
            {
                continue;
            }

            var key = Normalize(KeyOf(option));
            if (!_byKey.TryAdd(key, option))
            {
                throw new InvalidOperationException($"{option.Name} and {_byKey[key].Name} have the same configuration key \"{key}\".");
            }

            all.Add(option);
        }

        All = all;
    }

    /// <summary>The settable options, in the command's order.</summary>
    public IReadOnlyList<Option> All { get; }

    /// <summary>An option's key: its long name without the leading dashes.</summary>
    public static string KeyOf(Option option) => option.Name.TrimStart('-');

    /// <summary>Whether the option takes a list of values (repeatable on the command line, a JSON array in a file).</summary>
    public static bool IsList(Option option) =>
        option.ValueType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(option.ValueType);

    /// <summary>Whether the option is a switch (true or false).</summary>
    public static bool IsFlag(Option option) => option.ValueType == typeof(bool) || option.ValueType == typeof(bool?);

    /// <summary>Whether the option's value is a number (written without quotes by <c>--print-config</c>).</summary>
    public static bool IsNumber(Option option)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        return type == typeof(int) || type == typeof(long) || type == typeof(double);
    }

    /// <summary>Whether the option's values hold secrets that are never printed.</summary>
    public static bool IsSecret(Option option) => s_secret.Contains(option.Name);

    /// <summary>Hides the secret part of a value of a secret option: <c>alice:pbkdf2-sha256$...</c> becomes <c>alice:(hidden)</c>.</summary>
    public static string Mask(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? Hidden : string.Concat(value.AsSpan(0, colon + 1), Hidden);
    }

    /// <summary>What stands for a hidden secret.</summary>
    public const string Hidden = "(hidden)";

    /// <summary>Finds the option a key names.</summary>
    public bool TryFind(string key, out Option option) => _byKey.TryGetValue(Normalize(key), out option!);

    /// <summary>The key of the option whose key is closest to <paramref name="key"/>, when one is close enough to be a likely typo.</summary>
    public string? Suggest(string key)
    {
        var wanted = Normalize(key);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var (normalized, option) in _byKey)
        {
            var distance = Distance(wanted, normalized);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = KeyOf(option);
            }
        }

        return bestDistance <= Math.Max(2, wanted.Length / 4) ? best : null;
    }

    /// <summary>A key without letter case, '-' and '_': the form keys are compared in.</summary>
    public static string Normalize(string key)
    {
        var text = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (c is not ('-' or '_'))
            {
                text.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>The Levenshtein distance: how many characters to insert, remove or change to turn one text into the other.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var change = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(change, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
