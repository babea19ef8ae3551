using Chat.LoadTest.Reporting;
using Chat.LoadTest.Running;

namespace Chat.LoadTest.Scenarios;

/// <summary>A workload: connects its clients, does its measured work, and reports.</summary>
internal interface IScenario
{
    /// <summary>The scenario's name, as on the command line.</summary>
    string Name { get; }

    /// <summary>
    /// Runs once against <paramref name="environment"/>'s server. A deadline that passes is
    /// reported as a failure in the report, not thrown; Ctrl+C is thrown.
    /// </summary>
    Task<RunReport> RunAsync(RunEnvironment environment);
}
