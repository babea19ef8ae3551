using System.CommandLine;
using Chat.LoadTest.CommandLine;

// On Ctrl+C the run stops, closes the server it started and its clients; give that time to
// finish before System.CommandLine ends the process (the server is killed in any case).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await ScenarioCommands.Build().Parse(args).InvokeAsync(invocation);
