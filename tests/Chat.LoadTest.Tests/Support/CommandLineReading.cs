using Chat.LoadTest.CommandLine;
using Chat.LoadTest.Running;
using Chat.LoadTest.Scenarios;

namespace Chat.LoadTest.Tests.Support;

/// <summary>Parses a command line as Program.cs does and reads it as the chosen scenario's action would, without running anything.</summary>
internal static class CommandLineReading
{
    public static (CommonSettings Settings, IScenario Scenario, IReadOnlyList<string> Errors) Read(params string[] args)
    {
        var parse = ScenarioCommands.Build().Parse(args);
        Assert.Empty(parse.Errors);
        var command = Assert.IsType<ScenarioCommand>(parse.CommandResult.Command);
        return command.Read(parse);
    }

    /// <summary>The settings of a command line that must be good.</summary>
    public static CommonSettings Settings(params string[] args)
    {
        var (settings, _, errors) = Read(args);
        Assert.Empty(errors);
        return settings;
    }

    /// <summary>The scenario of a command line that must be good.</summary>
    public static T Scenario<T>(params string[] args)
        where T : IScenario
    {
        var (_, scenario, errors) = Read(args);
        Assert.Empty(errors);
        return Assert.IsType<T>(scenario);
    }

    /// <summary>The one error of a command line with one bad value.</summary>
    public static string Error(params string[] args)
    {
        var (_, _, errors) = Read(args);
        return Assert.Single(errors);
    }
}
