using Chat.Protocol;

namespace Chat.Server;

/// <summary>Turns a line the operator typed into an <see cref="OperatorCommand"/>.</summary>
internal static partial class OperatorCommandParser
{
    /// <summary>The commands and what they do, as <c>help</c> shows them.</summary>
    public const string HelpText =
        """
        Commands:
          rooms                  list the rooms with their users and topics
          users [#room]          list who is on the server, or in a room: address, rooms, idle, client, TLS
          stats                  connections, rooms, lines, deliveries, refusals, memory and uptime
          say [#room] <text>     send a notice from Server to everyone on the server, or to a room
          topic #room <text>     set a room's topic (creates the room, to stay, when there is none)
          kick <name> [reason]   remove a user from the server and every room
          backup <path>          copy the history to a new file, safely, while the server runs
          close [reason]         tell everyone the server is shutting down, close every connection, exit
          help                   show this list
        """ + "\n" + ModerationHelpText;

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
                return rest.Length == 0 ? new UsersCommand() : RoomArgument(rest, "users [#room]") is { } problem ? problem : new UsersCommand(rest);
            case "STATS":
                return rest.Length == 0 ? new StatsCommand() : new InvalidCommand("Usage: stats");
            case "ROOMS" or "LIST":
                return new RoomsCommand();
            case "HELP" or "?":
                return new HelpCommand();
            case "SAY":
                return ParseSay(rest);
            case "TOPIC":
                return ParseTopic(rest);
            case "KICK":
                if (rest.Length == 0)
                {
                    return new InvalidCommand("Usage: kick <name> [reason]");
                }

                var (name, reason) = SplitWord(rest);
                return new KickCommand(name, reason);
            case "BACKUP":
                var path = rest.Length >= 2 && rest[0] == '"' && rest[^1] == '"' ? rest[1..^1] : rest;
                return path.Length == 0 ? new InvalidCommand("Usage: backup <path> (a new file; the history is copied while the server runs)") : new BackupCommand(path);
            case "CLOSE":
                return new CloseCommand(rest.Length == 0 ? ChatServer.DefaultShutdownText : rest);
            case "QUIT" or "EXIT" or "STOP" or "SHUTDOWN":
                return new InvalidCommand($"Unknown command \"{word}\". To stop the server, type close.");
            default:
                return ParseModeration(word.ToUpperInvariant(), rest) ?? new InvalidCommand($"Unknown command \"{word}\". Type help to see the commands.");
        }
    }

    private static OperatorCommand ParseSay(string rest)
    {
        if (!rest.StartsWith(RoomNameRules.Prefix))
        {
            return rest.Length == 0 ? new InvalidCommand("Usage: say [#room] <text>") : new SayCommand(rest);
        }

        var (room, text) = SplitWord(rest);
        if (RoomArgument(room, "say [#room] <text>") is { } problem)
        {
            return problem;
        }

        return text.Length == 0 ? new InvalidCommand("Usage: say [#room] <text>") : new SayCommand(text, room);
    }

    private static OperatorCommand ParseTopic(string rest)
    {
        var (room, topic) = SplitWord(rest);
        if (room.Length == 0)
        {
            return new InvalidCommand("Usage: topic #room <text> (an empty text clears the topic)");
        }

        return RoomArgument(room, "topic #room <text>") ?? (OperatorCommand)new TopicCommand(room, topic);
    }

    /// <summary>Checks a room name the operator typed; <see langword="null"/> when it is one.</summary>
    private static InvalidCommand? RoomArgument(string room, string usage)
    {
        var problem = RoomNameRules.Check(room);
        return problem == RoomNameProblem.None ? null : new InvalidCommand($"{RoomNameRules.Describe(problem, room)} Usage: {usage}");
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
