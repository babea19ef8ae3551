using System.CommandLine;

namespace Chat.Server;

/// <summary>The command line's options of history: where the lines are kept, and how much of them clients read.</summary>
internal sealed partial class ServerCommandLine
{
    private readonly Option<HistoryStoreKind> _historyStore = new("--history")
    {
        Description = "Where the rooms' lines and the private messages are kept: sqlite (the default: every line, in a file in --data; ids go on after a restart) or memory (the last lines of each room, gone at a restart).",
        HelpName = "sqlite|memory",
        DefaultValueFactory = _ => HistoryStoreKind.Sqlite,
        CustomParser = ParseHistoryStore,
    };

    private readonly Option<string> _data = new("--data")
    {
        Description = $"The folder of the history file with --history sqlite (created if missing). Default: {ChatServerOptions.DefaultDataFolder} in the working directory.",
        HelpName = "dir",
        DefaultValueFactory = _ => s_defaults.DataFolder,
    };

    private readonly Option<int> _historyOnJoin = IntOption(
        "--history-on-join", "How many recent lines a newcomer sees when it joins a room.", "count", s_defaults.HistoryLength, 0, 100_000);

    private readonly Option<int> _historyLimit = IntOption(
        "--history-limit", "The most lines one history or search answer carries; 0 answers no history or search requests.", "count", s_defaults.HistoryLimit, 0, ChatServerOptions.MaxHistoryLimit);

    private void AddHistoryOptions()
    {
        Command.Options.Add(_historyStore);
        Command.Options.Add(_data);
        Command.Options.Add(_historyOnJoin);
        Command.Options.Add(_historyLimit);
    }

    private static HistoryStoreKind ParseHistoryStore(System.CommandLine.Parsing.ArgumentResult result)
    {
        var token = SingleToken(result);
        if (string.Equals(token, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return HistoryStoreKind.Sqlite;
        }

        if (string.Equals(token, "memory", StringComparison.OrdinalIgnoreCase))
        {
            return HistoryStoreKind.Memory;
        }

        result.AddError($"--history must be sqlite or memory, not \"{token}\".");
        return HistoryStoreKind.Sqlite;
    }

    /// <summary>Adds the history options to the settings.</summary>
    private ChatServerOptions WithHistory(ParseResult result, ChatServerOptions options) => options with
    {
        HistoryStore = result.GetValue(_historyStore),
        DataFolder = result.GetValue(_data)!,
        HistoryLength = result.GetValue(_historyOnJoin),
        HistoryLimit = result.GetValue(_historyLimit),
    };
}
