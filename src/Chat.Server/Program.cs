using Chat.Server;

// Everything about the command line lives in ServerCommandLine; the server itself in ChatServer.
return await ServerCommandLine.RunAsync(args, Console.Out, Console.Error, Console.In);
