using System.CommandLine;

namespace Chat.Server;

/// <summary>The command line's options of retention: how long the history keeps lines.</summary>
internal sealed partial class ServerCommandLine
{
    private readonly Option<int> _retainDays = IntOption(
        "--retain-days",
        "Remove lines (room and private) older than this many days, in the background; 0 keeps them forever (the default).",
        "days",
        s_defaults.RetainDays,
        0,
        100_000);

    private readonly Option<int> _retainLines = IntOption(
        "--retain-lines",
        $"Keep at most this many lines per room, removing the oldest in the background; 0 sets no limit (the default; with --history memory a room keeps {ChatServerOptions.MinimumMemoryLines}).",
        "count",
        s_defaults.RetainLinesPerRoom,
        0,
        1_000_000_000);

    private void AddRetentionOptions()
    {
        Command.Options.Add(_retainDays);
        Command.Options.Add(_retainLines);
    }

    /// <summary>Adds the retention options to the settings.</summary>
    private ChatServerOptions WithRetention(ParseResult result, ChatServerOptions options) => options with
    {
        RetainDays = result.GetValue(_retainDays),
        RetainLinesPerRoom = result.GetValue(_retainLines),
    };
}
