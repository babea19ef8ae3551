namespace Chat.Server;

/// <summary>Turns a line the operator typed into an <see cref="OperatorCommand"/>.</summary>
internal static class OperatorCommandParser
{
    /// <summary>The commands and what they do, as <c>help</c> shows them.</summary>
    public const string HelpText =
        """
        Commands:
          users                  list who is in the room
          say <text>             send a notice from Server to everyone
          kick <name> [reason]   remove a user from the room
          close [reason]         tell everyone the server is shutting down, close every connection, exit
          help                   show this list
        """;

    /// <summary>Parses one line. Command words ignore letter case; a leading '/' is allowed, as in IRC.</summary>
    /// <param name="line">The line as typed.</param>
    /// <returns>The command, an <see cref="EmptyCommand"/>, or an <see cref="InvalidCommand"/> saying what is wrong.</returns>
    public static OperatorCommand Parse(string? line)
    {
        var text = (line ?? string.Empty).Trim();
        if (text.StartsWith('/'))
        {
            text = text[1..].TrimStart();
        }

        if (text.Length == 0)
        {
            return new EmptyCommand();
        }

        var (word, rest) = SplitWord(text);
        switch (word.ToUpperInvariant())
        {
            case "USERS" or "WHO":
                return new UsersCommand();
            case "HELP" or "?":
                return new HelpCommand();
            case "SAY":
                return rest.Length == 0 ? new InvalidCommand("Usage: say <text>") : new SayCommand(rest);
            case "KICK":
                if (rest.Length == 0)
                {
                    return new InvalidCommand("Usage: kick <name> [reason]");
                }

                var (name, reason) = SplitWord(rest);
                return new KickCommand(name, reason);
            case "CLOSE":
                return new CloseCommand(rest.Length == 0 ? ChatServer.DefaultShutdownText : rest);
            case "QUIT" or "EXIT" or "STOP" or "SHUTDOWN":
                return new InvalidCommand($"Unknown command \"{word}\". To stop the server, type close.");
            default:
                return new InvalidCommand($"Unknown command \"{word}\". Type help to see the commands.");
        }
    }

    private static (string Word, string Remainder) SplitWord(string text)
    {
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return (text[..end], text[end..].Trim());
    }
}
