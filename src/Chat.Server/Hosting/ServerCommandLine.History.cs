using System.CommandLine;

namespace Chat.Server;

/// <summary>The command line's options of history: where the lines are kept.</summary>
internal sealed partial class ServerCommandLine
{
    private readonly Option<HistoryStoreKind> _historyStore = new("--history-store")
    {
        Description = "Where the rooms' lines are kept: memory (the default for now: the last --history lines, gone at a restart) or sqlite (every line, in a file in --data; ids go on after a restart).",
        HelpName = "memory|sqlite",
        DefaultValueFactory = _ => s_defaults.HistoryStore,
        CustomParser = ParseHistoryStore,
    };

    private readonly Option<string> _data = new("--data")
    {
        Description = $"The folder of the history file with --history-store sqlite (created if missing). Default: {ChatServerOptions.DefaultDataFolder} in the working directory.",
        HelpName = "dir",
        DefaultValueFactory = _ => s_defaults.DataFolder,
    };

    private void AddHistoryOptions()
    {
        Command.Options.Add(_historyStore);
        Command.Options.Add(_data);
    }

    private static HistoryStoreKind ParseHistoryStore(System.CommandLine.Parsing.ArgumentResult result)
    {
        var token = SingleToken(result);
        if (string.Equals(token, "memory", StringComparison.OrdinalIgnoreCase))
        {
            return HistoryStoreKind.Memory;
        }

        if (string.Equals(token, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return HistoryStoreKind.Sqlite;
        }

        result.AddError($"--history-store must be memory or sqlite, not \"{token}\".");
        return HistoryStoreKind.Memory;
    }

    /// <summary>Adds the history options to the settings.</summary>
    private ChatServerOptions WithHistory(ParseResult result, ChatServerOptions options) => options with
    {
        HistoryStore = result.GetValue(_historyStore),
        DataFolder = result.GetValue(_data)!,
    };
}
