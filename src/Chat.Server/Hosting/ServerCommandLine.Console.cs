using System.CommandLine;

namespace Chat.Server;

/// <summary>
/// The operator console of a running server: <c>--console-socket</c>, where the server offers it,
/// and the <c>console</c> subcommand, which attaches to it.
/// </summary>
internal sealed partial class ServerCommandLine
{
    private readonly Option<string> _consoleSocket = new("--console-socket")
    {
        Description = $"Where the operator console listens for 'Chat.Server console' (a Unix socket only this user may open). Default: {ConsoleWire.FileName} in --data; none (or an empty value) turns it off.",
        HelpName = "path",
    };

    private readonly Option<string> _consoleData = new("--data")
    {
        Description = $"The data folder of the server to attach to (its --data); the console's socket is {ConsoleWire.FileName} in it. Default: {ChatServerOptions.DefaultDataFolder} in the working directory.",
        HelpName = "dir",
        DefaultValueFactory = _ => ChatServerOptions.DefaultDataFolder,
    };

    private readonly Option<string> _consoleSocketPath = new("--socket")
    {
        Description = "The console socket to attach to, when the server was given --console-socket (instead of --data).",
        HelpName = "path",
    };

    private readonly Argument<string[]> _consoleWords = new("command")
    {
        Description = "One operator command to run, such as: users, stats, kick alice, close. Without one, commands are read from standard input until exit, quit or its end.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Command _console = new(
        "console",
        "Attaches to a running server's operator console (its socket in the data folder): runs one command and prints the answer, or reads commands until exit.");

    private void AddConsoleOptions()
    {
        Command.Options.Add(_consoleSocket);
        _console.Options.Add(_consoleData);
        _console.Options.Add(_consoleSocketPath);
        _console.Arguments.Add(_consoleWords);
        _console.SetAction(RunConsoleAsync);
        Command.Subcommands.Add(_console);
    }

    /// <summary>The <c>console</c> subcommand's action, on the program's standard streams.</summary>
    private Task<int> RunConsoleAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var words = result.GetValue(_consoleWords) ?? [];
        return ConsoleCommand.RunAsync(ConsoleTargetOf(result), string.Join(' ', words), _output, _error, _input, cancellationToken);
    }

    /// <summary>The socket <c>console</c> attaches to: <c>--socket</c>, else <see cref="ConsoleWire.FileName"/> in <c>--data</c>.</summary>
    private ConsoleTarget ConsoleTargetOf(ParseResult result) =>
        result.GetValue(_consoleSocketPath) is { Length: > 0 } socket
            ? ConsoleTarget.OfSocket(socket)
            : ConsoleTarget.OfDataFolder(result.GetValue(_consoleData)!);

    /// <summary>Adds where the console listens to the settings (after <see cref="WithHistory"/>, which sets the data folder).</summary>
    private ChatServerOptions WithConsole(ParseResult result, ChatServerOptions options) => options with
    {
        ConsoleSocket = ConsoleSocketPath(result.GetValue(_consoleSocket), options.DataFolder),
    };

    /// <summary>The console socket's path: the option's, none for <c>none</c> or an empty value, the data folder's by default (on Linux, where its owner check works).</summary>
    internal static string? ConsoleSocketPath(string? option, string dataFolder) =>
        option is null ? (OperatingSystem.IsLinux() ? Path.Combine(dataFolder, ConsoleWire.FileName) : null)
        : option.Length == 0 || string.Equals(option, "none", StringComparison.OrdinalIgnoreCase) ? null
        : option;
}
