using BenchmarkDotNet.Running;

// BenchmarkDotNet's own command line: --filter '*Broadcast*', --job short, --list flat, ...
// --quick is short for --job short (a few iterations: a smoke run, not a measurement).
var arguments = new List<string>();
foreach (var argument in args)
{
    if (argument == "--quick")
    {
        arguments.Add("--job");
        arguments.Add("short");
    }
    else
    {
        arguments.Add(argument);
    }
}

BenchmarkSwitcher.FromAssembly(typeof(Chat.Benchmarks.Broadcast.BroadcastBenchmarks).Assembly).Run([.. arguments]);
