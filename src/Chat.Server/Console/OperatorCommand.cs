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

/// <summary><c>users</c>: list who is in the room.</summary>
internal sealed record UsersCommand : OperatorCommand;

/// <summary><c>kick &lt;name&gt; [reason]</c>: remove a user.</summary>
/// <param name="UserName">Who.</param>
/// <param name="Reason">Why, shown to the user and the room; may be empty.</param>
internal sealed record KickCommand(string UserName, string Reason) : OperatorCommand;

/// <summary><c>say &lt;text&gt;</c>: a notice from the server to everyone.</summary>
/// <param name="Text">The notice.</param>
internal sealed record SayCommand(string Text) : OperatorCommand;

/// <summary><c>help</c>: list the commands.</summary>
internal sealed record HelpCommand : OperatorCommand;

/// <summary>An empty line: nothing to do.</summary>
internal sealed record EmptyCommand : OperatorCommand;

/// <summary>A line that is not a command, or a command used wrongly.</summary>
/// <param name="Message">What to tell the operator.</param>
internal sealed record InvalidCommand(string Message) : OperatorCommand;
