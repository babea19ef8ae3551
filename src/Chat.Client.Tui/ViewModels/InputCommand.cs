namespace Chat.Client.Tui.ViewModels;

/// <summary>What a line typed into the input means.</summary>
public abstract record InputCommand
{
    private protected InputCommand()
    {
    }
}

/// <summary>Nothing to do (an empty line).</summary>
public sealed record NoCommand : InputCommand;

/// <summary>Say a line in the room.</summary>
/// <param name="Text">The text to say.</param>
public sealed record SayCommand(string Text) : InputCommand;

/// <summary>Perform an action: <c>/me waves</c>.</summary>
/// <param name="Text">The action without the name.</param>
public sealed record ActionCommand(string Text) : InputCommand;

/// <summary>Send a private message: <c>/msg bob hello</c>.</summary>
/// <param name="To">The recipient.</param>
/// <param name="Text">The message.</param>
public sealed record PrivateCommand(string To, string Text) : InputCommand;

/// <summary>List who is in the room: <c>/who</c>.</summary>
public sealed record WhoCommand : InputCommand;

/// <summary>Show or hide the user list: <c>/users</c> (F2 does the same).</summary>
public sealed record ToggleUsersCommand : InputCommand;

/// <summary>Show the commands and keys: <c>/help</c>.</summary>
public sealed record HelpCommand : InputCommand;

/// <summary>Reconnect now after being disconnected: <c>/reconnect</c>.</summary>
public sealed record ReconnectCommand : InputCommand;

/// <summary>Leave and quit: the word <c>exit</c>, <c>/quit [message]</c> or <c>/exit</c>.</summary>
/// <param name="Message">The parting message the others see.</param>
public sealed record QuitCommand(string Message) : InputCommand;

/// <summary>Not something that can be done; <paramref name="Hint"/> tells the user what to type instead. Nothing is sent.</summary>
/// <param name="Hint">One sentence for the user.</param>
public sealed record InvalidCommand(string Hint) : InputCommand;
