using System.Diagnostics;
using Chat.LoadTest.Server;
using Chat.LoadTest.Reporting;

namespace Chat.LoadTest.Running;

/// <summary>Measures a phase of a run: its wall time and the CPU seconds the server and this program spent in it.</summary>
internal sealed class PhaseMeter
{
    private readonly ServerTarget _server;
    private readonly ProcessStats? _serverAtStart;
    private readonly ProcessStats? _selfAtStart;
    private readonly MachineStats? _machineAtStart;

    private PhaseMeter(ServerTarget server)
    {
        _server = server;
        _serverAtStart = server.ReadStats();
        _selfAtStart = ProcessStats.TryRead(Environment.ProcessId);
        _machineAtStart = MachineStats.TryRead();
        StartedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>The Stopwatch timestamp at which the phase began.</summary>
    public long StartedAt { get; }

    public static PhaseMeter Start(ServerTarget server) => new(server);

    /// <summary>Ends the phase and records its CPU figures (server, generator, the machine) in <paramref name="report"/>.</summary>
    public PhaseResult StopInto(RunReport report)
    {
        var result = Stop();
        report.ServerCpuSeconds = result.ServerCpuSeconds;
        report.GeneratorCpuSeconds = result.GeneratorCpuSeconds;
        report.MachineBusySeconds = result.MachineBusySeconds;
        report.PhaseWallSeconds = result.Seconds;
        return result;
    }

    /// <summary>Ends the setup phase (joining, presence, warm-up) and records its CPU figures in <paramref name="report"/>.</summary>
    public PhaseResult StopSetupInto(RunReport report)
    {
        var result = Stop();
        report.ServerSetupCpuSeconds = result.ServerCpuSeconds;
        report.GeneratorSetupCpuSeconds = result.GeneratorCpuSeconds;
        return result;
    }

    public PhaseResult Stop()
    {
        var server = _server.ReadStats();
        var self = ProcessStats.TryRead(Environment.ProcessId);
        var machine = MachineStats.TryRead();
        return new PhaseResult(
            Stopwatch.GetElapsedTime(StartedAt).TotalSeconds,
            server is not null && _serverAtStart is not null ? server.CpuSeconds - _serverAtStart.CpuSeconds : null,
            self is not null && _selfAtStart is not null ? self.CpuSeconds - _selfAtStart.CpuSeconds : 0,
            machine is not null && _machineAtStart is not null ? machine.BusySeconds - _machineAtStart.BusySeconds : null,
            server,
            self);
    }
}

/// <summary>What a <see cref="PhaseMeter"/> measured.</summary>
/// <param name="Seconds">Wall time.</param>
/// <param name="ServerCpuSeconds">Server CPU time in the phase, when its pid is known.</param>
/// <param name="GeneratorCpuSeconds">This program's CPU time in the phase.</param>
/// <param name="MachineBusySeconds">CPU time every process on the machine used in the phase, summed over the cores.</param>
/// <param name="ServerAtEnd">The server's figures at the end.</param>
/// <param name="GeneratorAtEnd">This program's figures at the end.</param>
internal sealed record PhaseResult(
    double Seconds,
    double? ServerCpuSeconds,
    double GeneratorCpuSeconds,
    double? MachineBusySeconds,
    ProcessStats? ServerAtEnd,
    ProcessStats? GeneratorAtEnd);
