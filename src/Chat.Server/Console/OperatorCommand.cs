namespace Chat.Server;

/// <summary>A command the operator typed on the server's standard input, as parsed by <see cref="OperatorCommandParser"/>.</summary>
internal abstract record OperatorCommand
{
    private protected OperatorCommand()
    {
    }
}

/// <summary><c>close [reason]</c>: shut the server down.</summary>
/// <param name="Reason">What clients are told.</param>
internal sealed record CloseCommand(string Reason) : OperatorCommand;

/// <summary><c>users [#room]</c>: list who is on the server, or in one room.</summary>
/// <param name="Room">The room; empty for the whole server.</param>
internal sealed record UsersCommand(string Room = "") : OperatorCommand;

/// <summary><c>stats</c>: the server's figures: connections, rooms, lines, deliveries, refusals, memory, uptime.</summary>
internal sealed record StatsCommand : OperatorCommand;

/// <summary><c>rooms</c>: list the rooms with their member counts and topics.</summary>
internal sealed record RoomsCommand : OperatorCommand;

/// <summary><c>topic #room &lt;text&gt;</c>: set a room's topic, creating the room (an operator's room) when there is none.</summary>
/// <param name="Room">The room.</param>
/// <param name="Topic">The topic; empty clears it.</param>
internal sealed record TopicCommand(string Room, string Topic) : OperatorCommand;

/// <summary><c>kick &lt;name&gt; [reason]</c>: remove a user from the server (and so from every room).</summary>
/// <param name="UserName">Who.</param>
/// <param name="Reason">Why, shown to the user and the room; may be empty.</param>
internal sealed record KickCommand(string UserName, string Reason) : OperatorCommand;

/// <summary><c>say [#room] &lt;text&gt;</c>: a notice from the server to everyone on it, or to one room.</summary>
/// <param name="Text">The notice.</param>
/// <param name="Room">The room; empty for everyone on the server.</param>
internal sealed record SayCommand(string Text, string Room = "") : OperatorCommand;

/// <summary><c>backup &lt;path&gt;</c>: copy the history file to a new file while the server runs.</summary>
/// <param name="Path">The backup file to make.</param>
internal sealed record BackupCommand(string Path) : OperatorCommand;

/// <summary><c>help</c>: list the commands.</summary>
internal sealed record HelpCommand : OperatorCommand;

/// <summary>An empty line: nothing to do.</summary>
internal sealed record EmptyCommand : OperatorCommand;

/// <summary>A line that is not a command, or a command used wrongly.</summary>
/// <param name="Message">What to tell the operator.</param>
internal sealed record InvalidCommand(string Message) : OperatorCommand;
