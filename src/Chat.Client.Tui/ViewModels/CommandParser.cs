namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// Reads a typed line: plain text is said in the room, a line starting with '/' is a command,
/// "//text" says "/text" (the IRC convention), and the word <c>exit</c> alone (any case,
/// surrounding spaces allowed) quits.
/// </summary>
public static class CommandParser
{
    /// <summary>The word that, alone on a line, leaves the room and quits.</summary>
    public const string ExitWord = "exit";

    /// <summary>The commands, one line each, for <c>/help</c>.</summary>
    public static IReadOnlyList<string> Help { get; } =
    [
        "Commands:",
        "  /join #room          join a room (made when it does not exist) and show its window",
        "  /part [#room] [text] leave a room (the one in view when none is named) and close its window",
        "  /rooms               list the rooms, how many are in each, and their topics",
        "  /topic [text]        show the topic of the room in view, or set it (/topic -delete clears it)",
        "  /nick <name> [pass]  take another name (a registered one with its password)",
        "  /register <password> register your name: from then on it can be used only with its password",
        "  /away [text]         mark yourself away (others see why); /away alone: back",
        "  /msg <name> <text>   send a private message (in its conversation's window)",
        "  /query <name>        open a private conversation's window",
        "  /me <text>           perform an action (* you waves)",
        "  /r <text>            reply privately to whoever last sent you a private message",
        "  /search <words>      find the lines of this room holding every word (word* a prefix), newest first",
        "  /who                 list who is in this window's room",
        "  /window <n>          show window n (or Alt+1..9; Ctrl+N/Ctrl+P next/previous)",
        "  /close               close this private conversation's window",
        "  /users               show or hide the user list (or F2)",
        "  /ignore [name]       hide a user's lines and private messages (no name: list who is ignored)",
        "  /unignore <name>     show them again",
        "  /clear               clear the log on this screen (nothing is deleted for anyone else)",
        "  /quit [message]      leave and quit (so does typing exit, or Ctrl+Q)",
        "  /reconnect           connect again after being disconnected (or Ctrl+R)",
        "  /help                this help",
        "  //text               say a line that starts with /",
        "Keys: Enter send · Up/Down earlier input · Tab complete a name · PgUp/PgDn scroll (PgUp at the top loads older lines) · Ctrl+Home/Ctrl+End top/bottom · F2 user list · Ctrl+Q quit",
        "Search window: Up/Down choose a match · PgDn more · Enter shows it in its room · /close closes it",
        "Windows: Alt+1..9 (Alt+0 is 10) show a window · Ctrl+N/Ctrl+P next/previous · the bar marks * new lines, ! a mention or private message",
        "Editing: Ctrl+A/E start/end · Ctrl+U/K kill to start/end · Ctrl+W, Alt+Backspace kill word · Ctrl+Y yank · Alt+B/F word left/right · Ctrl+L redraw · Ctrl+Z suspend",
    ];

    /// <summary>The operator's commands, for <c>/help</c> when this user is an operator.</summary>
    public static IReadOnlyList<string> OperatorHelp { get; } =
    [
        "Operator commands (carried out by the server, as on its console):",
        "  /kick <name> [reason]                  remove a user from the server",
        "  /ban <name|address|CIDR> [time] [why]  ban a name or addresses (time: 30m, 2h, 7d; none: for good)",
        "  /unban <target>                        lift a ban",
        "  /bans                                  list the bans",
        "  /mute <name> [time] [why]              stop a user's lines from being posted",
        "  /unmute <name>                         let them speak again",
        "  /say [#room] <text>                    a notice from the server, to everyone or to a room",
        "  /topic #room <text>                    set the topic of any room",
        "  /op <command>                          any console command (/op help lists them)",
    ];

    /// <summary>The commands Tab completes at the start of the line, each with its leading '/'.</summary>
    public static IReadOnlyList<string> CommandNames { get; } =
    [
        "/away", "/ban", "/bans", "/clear", "/close", "/help", "/ignore", "/join", "/kick", "/me", "/msg", "/mute", "/nick", "/op",
        "/part", "/query", "/quit", "/r", "/reconnect", "/register", "/rooms", "/say", "/search", "/topic", "/unban", "/unignore",
        "/unmute", "/who", "/window",
    ];

    /// <summary>Parses one input line.</summary>
    /// <param name="input">The line as typed.</param>
    /// <returns>The command; never <see langword="null"/>.</returns>
    public static InputCommand Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new NoCommand();
        }

        var trimmed = input.Trim();
        if (string.Equals(trimmed, ExitWord, StringComparison.OrdinalIgnoreCase))
        {
            return new QuitCommand(string.Empty);
        }

        if (!trimmed.StartsWith('/'))
        {
            return new SayCommand(input);
        }

        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return new SayCommand(trimmed[1..]);
        }

        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var name = (space < 0 ? trimmed[1..] : trimmed[1..space]).ToLowerInvariant();
        var rest = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim();
        return name switch
        {
            "me" => rest.Length > 0 ? new ActionCommand(rest) : new InvalidCommand("Usage: /me <action>, for example /me waves"),
            "msg" or "m" => ParsePrivate(rest),
            "query" or "q" when rest.Length > 0 && !rest.Contains(' ', StringComparison.Ordinal) => new QueryCommand(rest),
            "query" or "q" => rest.Length > 0 ? ParsePrivate(rest) : new InvalidCommand("Usage: /query <name> opens a private conversation's window"),
            "window" or "win" => ParseWindow(rest),
            "close" or "wc" => new CloseCommand(),
            "join" or "j" => ParseJoin(rest),
            "part" or "leave" => ParsePart(rest),
            "rooms" or "list" => new RoomsCommand(),
            "topic" or "t" => ParseTopic(rest),
            "nick" => ParseNick(rest),
            "register" => rest.Length > 0 ? new RegisterCommand(rest) : new InvalidCommand("Usage: /register <password>: from then on your name can be used only with it"),
            "kick" => Operator(rest, "kick", "kick <name> [reason]", "kick"),
            "ban" => Operator(rest, "ban", "ban <name|address|CIDR> [duration] [reason]", "ban"),
            "unban" => Operator(rest, "unban", "unban <name|address|CIDR>", "lift bans"),
            "bans" => new OperatorCommand(rest.Length > 0 ? "bans " + rest : "bans", "list the bans"),
            "mute" => Operator(rest, "mute", "mute <name> [duration] [reason]", "mute"),
            "unmute" => Operator(rest, "unmute", "unmute <name>", "unmute"),
            "say" => Operator(rest, "say", "say [#room] <text>", "speak as the server"),
            "op" or "oper" => rest.Length > 0 ? new OperatorCommand(rest, "run operator commands") : new InvalidCommand("Usage: /op <command>, any command of the server's console (/op help lists them)"),
            "away" => new AwayCommand(rest),
            "search" or "find" => rest.Length > 0 ? new SearchCommand(rest) : new InvalidCommand("Usage: /search <words>, for example /search release notes (a word ending in * matches words it begins)"),
            "who" or "names" => new WhoCommand(),
            "users" => new ToggleUsersCommand(),
            "help" or "?" => new HelpCommand(),
            "quit" or "exit" or "bye" => new QuitCommand(rest),
            "reconnect" => new ReconnectCommand(),
            "r" or "reply" => rest.Length > 0 ? new ReplyCommand(rest) : new InvalidCommand("Usage: /r <text>, a private reply to whoever last sent you a private message"),
            "ignore" => ParseName(rest, name => new IgnoreCommand(name), allowNone: true, "Usage: /ignore <name>, or /ignore alone to list who is ignored"),
            "unignore" => ParseName(rest, name => new UnignoreCommand(name!), allowNone: false, "Usage: /unignore <name>"),
            "clear" => new ClearCommand(),
            "" => new InvalidCommand("Type a command after the /, or //text to say a line that starts with /. /help lists the commands."),
            _ => new InvalidCommand($"Unknown command /{name}. /help lists the commands; //{name} says it as text."),
        };
    }

    /// <summary>An operator's command with its arguments, or its usage when they are missing.</summary>
    private static InputCommand Operator(string rest, string word, string usage, string what) =>
        rest.Length > 0 ? new OperatorCommand($"{word} {rest}", what) : new InvalidCommand($"Usage: /{usage} (an operator's command)");

    private static TopicCommand ParseTopic(string rest)
    {
        if (!rest.StartsWith('#'))
        {
            return new TopicCommand(rest.Length == 0 ? null : rest == "-delete" ? string.Empty : rest);
        }

        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var room = space < 0 ? rest : rest[..space];
        var topic = space < 0 ? null : rest[(space + 1)..].Trim();
        return new TopicCommand(topic == "-delete" ? string.Empty : topic, room);
    }

    private static InputCommand ParseNick(string rest)
    {
        const string Usage = "Usage: /nick <name>, or /nick <name> <password> for a registered name";
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (rest.Length == 0)
        {
            return new InvalidCommand(Usage);
        }

        return space < 0 ? new NickCommand(rest) : new NickCommand(rest[..space], rest[(space + 1)..].Trim());
    }

    /// <summary>Whether a parsed line carries a password, and so must not be kept in the input history.</summary>
    /// <param name="command">The line, parsed.</param>
    /// <returns><see langword="true"/> for <c>/register ...</c> and <c>/nick name password</c>.</returns>
    public static bool HoldsPassword(InputCommand command) => command is RegisterCommand or NickCommand { Password.Length: > 0 };

    private static InputCommand ParseName(string rest, Func<string?, InputCommand> create, bool allowNone, string usage)
    {
        if (rest.Length == 0)
        {
            return allowNone ? create(null) : new InvalidCommand(usage);
        }

        return rest.Contains(' ', StringComparison.Ordinal) ? new InvalidCommand(usage) : create(rest);
    }

    /// <summary>A room's name as typed: <c>#dev</c>, or <c>dev</c> taken as <c>#dev</c> (as irssi does).</summary>
    private static string RoomName(string word) => word.StartsWith('#') ? word : "#" + word;

    private static InputCommand ParseJoin(string rest) =>
        rest.Length == 0 || rest.Contains(' ', StringComparison.Ordinal)
            ? new InvalidCommand("Usage: /join #room, for example /join #dev")
            : new JoinCommand(RoomName(rest));

    private static PartCommand ParsePart(string rest)
    {
        if (!rest.StartsWith('#'))
        {
            return new PartCommand(null, rest);
        }

        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? new PartCommand(rest, string.Empty) : new PartCommand(rest[..space], rest[(space + 1)..].Trim());
    }

    private static InputCommand ParseWindow(string rest) =>
        int.TryParse(rest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
            ? new WindowCommand(number)
            : new InvalidCommand("Usage: /window <number>, for example /window 2 (or Alt+2)");

    private static InputCommand ParsePrivate(string rest)
    {
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || rest[(space + 1)..].Trim().Length == 0)
        {
            return new InvalidCommand("Usage: /msg <name> <text>");
        }

        return new PrivateCommand(rest[..space], rest[(space + 1)..].Trim());
    }
}
