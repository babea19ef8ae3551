using System.CommandLine;

namespace Chat.Server;

/// <summary>One option's value as a configuration file or the environment gave it.</summary>
/// <param name="Option">The option it sets.</param>
/// <param name="Source">The file or the environment.</param>
/// <param name="Values">Its values as text, each parsed by the option's own parser (one for a single value, any number for a list).</param>
/// <param name="Where">Where it was set, for messages: <c>chatroom.json line 3</c>, <c>environment variable CHATROOM_PORT</c>.</param>
/// <param name="ValueWheres">Where each of <paramref name="Values"/> was set (a list's items may be on lines of their own).</param>
/// <param name="Spelled">How a message names the setting in place of the option's name: <c>"port"</c> in a file, <c>--port</c> for a variable.</param>
internal sealed record ConfiguredSetting(
    Option Option, SettingSource Source, IReadOnlyList<string> Values, string Where, IReadOnlyList<string> ValueWheres, string Spelled)
{
    /// <summary>The command-line tokens that give the option these values (none for an empty list).</summary>
    public IEnumerable<string> Tokens()
    {
        foreach (var value in Values)
        {
            // "--name=value" keeps a value that starts with '-' or '@' a value; an empty one needs a token of its own.
            if (value.Length == 0)
            {
                yield return Option.Name;
                yield return value;
            }
            else
            {
                yield return $"{Option.Name}={value}";
            }
        }
    }

    /// <summary>Turns a message of the option's parser ("--port must be ...") into one that says where the value came from.</summary>
    public string Explain(string message)
    {
        var where = Where;
        for (var i = 0; i < Values.Count; i++)
        {
            if (Values.Count > 1 && message.Contains($"\"{Values[i]}\"", StringComparison.Ordinal))
            {
                where = ValueWheres[i];
                break;
            }
        }

        var text = message.StartsWith(Option.Name + " ", StringComparison.Ordinal) ? Spelled + message[Option.Name.Length..] : message;
        return $"{where}: {text}";
    }
}
