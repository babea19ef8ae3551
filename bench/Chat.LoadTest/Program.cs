using Chat.LoadTest.CommandLine;

return await ScenarioCommands.Build().Parse(args).InvokeAsync();
