using Chat.Client.Tui;
using Chat.Client.Tui.Settings;

var commandLine = new ClientCommandLine(ClientProgram.Run, Environment.GetEnvironmentVariable);
return commandLine.Root.Parse(args).Invoke();
