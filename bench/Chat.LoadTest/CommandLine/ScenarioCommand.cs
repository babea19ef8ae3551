using System.CommandLine;
using Chat.LoadTest.Running;
using Chat.LoadTest.Scenarios;

namespace Chat.LoadTest.CommandLine;

/// <summary>
/// One scenario's subcommand: its own options and the common ones, the checks that turn a parse
/// into settings and a scenario (<see cref="Read"/>), and the action that runs it when every value is good.
/// </summary>
internal sealed class ScenarioCommand : Command
{
    /// <summary>The most clients a run may have: the user names carry five digits of index.</summary>
    public const int MaxClients = 99_999;

    private readonly Func<ParseResult, long> _clientCount;
    private readonly CommonOptions _common;
    private readonly Func<ParseResult, List<string>, IScenario> _create;

    /// <param name="name">The scenario's name on the command line.</param>
    /// <param name="description">What <c>--help</c> says about it.</param>
    /// <param name="clients">The <c>--clients</c> option.</param>
    /// <param name="options">The scenario's other options.</param>
    /// <param name="create">Makes the scenario from the parse; adds a description of each bad value to the list.</param>
    /// <param name="common">The common options, when the command's defaults differ (<see cref="CommonOptions"/>'s otherwise).</param>
    public ScenarioCommand(
        string name, string description, Option<int> clients, Option[] options, Func<ParseResult, List<string>, IScenario> create,
        CommonOptions? common = null)
        : this(name, description, [clients, .. options], parse => parse.GetValue(clients), create, common)
    {
    }

    /// <param name="name">The scenario's name on the command line.</param>
    /// <param name="description">What <c>--help</c> says about it.</param>
    /// <param name="options">The scenario's options.</param>
    /// <param name="clientCount">How many clients the options ask for, for the checks every scenario gets.</param>
    /// <param name="create">Makes the scenario from the parse; adds a description of each bad value to the list.</param>
    /// <param name="common">The common options, when the command's defaults differ (<see cref="CommonOptions"/>'s otherwise).</param>
    public ScenarioCommand(
        string name, string description, Option[] options, Func<ParseResult, long> clientCount, Func<ParseResult, List<string>, IScenario> create,
        CommonOptions? common = null)
        : base(name, description)
    {
        _common = common ?? new CommonOptions();
        _clientCount = clientCount;
        _create = create;
        foreach (var option in options)
        {
            Options.Add(option);
        }

        _common.AddTo(this);
        SetAction(RunAsync);
    }

    /// <summary>Reads the settings and the scenario; <c>Errors</c> describes each bad value (none when the run may start).</summary>
    public (CommonSettings Settings, IScenario Scenario, IReadOnlyList<string> Errors) Read(ParseResult parse)
    {
        var errors = new List<string>();
        var settings = _common.Read(parse, errors);
        var scenario = _create(parse, errors);
        CheckClients(errors, _clientCount(parse));
        return (settings, scenario, errors);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (settings, scenario, errors) = Read(parse);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"error: {error}");
            }

            return LoadTestRunner.CannotRun;
        }

        return await LoadTestRunner.RunAsync(scenario, settings, Console.Out, cancellationToken);
    }

    private static void CheckClients(List<string> errors, long clients)
    {
        if (clients is < 1 or > MaxClients)
        {
            errors.Add($"--clients must be between 1 and {MaxClients:N0}.");
            return;
        }

        // Each client is a socket in this process; the server's sockets are in its own.
        if (FileDescriptorLimit.Read() is { } limit && clients + 200 > limit)
        {
            errors.Add($"{clients:N0} clients need about {clients + 200:N0} open files, but this process may open {limit:N0} (ulimit -n).");
        }
    }
}
