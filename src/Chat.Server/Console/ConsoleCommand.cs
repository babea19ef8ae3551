namespace Chat.Server;

/// <summary>
/// <c>Chat.Server console</c>: attaches to a running server's console socket, then runs one
/// command, or reads commands from standard input until <c>exit</c>, <c>quit</c> or its end.
/// </summary>
internal static class ConsoleCommand
{
    /// <summary>Runs the subcommand.</summary>
    /// <param name="target">The socket.</param>
    /// <param name="command">The command to run; empty to read commands from <paramref name="input"/>.</param>
    /// <param name="output">Standard output: the answers.</param>
    /// <param name="error">Standard error: why the console cannot be reached, and a failed command's answer when there is only one.</param>
    /// <param name="input">Standard input, for commands one by one.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>0 when it went well; 1 when the socket could not be reached, refused this user, or the one command failed.</returns>
    public static async Task<int> RunAsync(ConsoleTarget target, string command, TextWriter output, TextWriter error, TextReader input, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var client = await ConsoleClient.ConnectAsync(target.Path, target.Missing, cancellationToken);
            return command.Trim().Length > 0
                ? await RunOneAsync(client, command, output, error, cancellationToken)
                : await RunManyAsync(client, target.Path, output, input, cancellationToken);
        }
        catch (ConsoleSocketException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static async Task<int> RunOneAsync(ConsoleClient client, string command, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var reply = await client.SendAsync(command, cancellationToken);
        var writer = reply.Succeeded ? output : error;
        foreach (var line in reply.Lines)
        {
            await writer.WriteLineAsync(line);
        }

        await writer.FlushAsync(cancellationToken);
        return reply.Succeeded ? 0 : 1;
    }

    private static async Task<int> RunManyAsync(ConsoleClient client, string path, TextWriter output, TextReader input, CancellationToken cancellationToken)
    {
        var terminal = ReferenceEquals(input, System.Console.In) && !System.Console.IsInputRedirected;
        if (terminal)
        {
            await output.WriteLineAsync($"Attached to the server's console at {path}. Type help for the commands, exit to leave.");
        }

        while (true)
        {
            if (terminal)
            {
                await output.WriteAsync("> ");
                await output.FlushAsync(cancellationToken);
            }

            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is var word && (word.Equals("exit", StringComparison.OrdinalIgnoreCase) || word.Equals("quit", StringComparison.OrdinalIgnoreCase)))
            {
                return 0;
            }

            var reply = await client.SendAsync(line, cancellationToken);
            foreach (var text in reply.Lines)
            {
                await output.WriteLineAsync(text);
            }

            if (reply.Closed)
            {
                await output.WriteLineAsync("The server has closed; so has the console.");
            }

            await output.FlushAsync(cancellationToken);
            if (reply.Closed)
            {
                return 0;
            }

            if (reply.Status == ConsoleWire.Refused)
            {
                return 1;
            }
        }
    }
}
