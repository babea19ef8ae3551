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

/// <summary>Reply privately to whoever last sent this user a private message: <c>/r see you there</c>.</summary>
/// <param name="Text">The message.</param>
public sealed record ReplyCommand(string Text) : InputCommand;

/// <summary>Hide a user's lines and private messages on this screen: <c>/ignore bob</c>; without a name, list who is ignored.</summary>
/// <param name="Name">Who to ignore, or <see langword="null"/> to list.</param>
public sealed record IgnoreCommand(string? Name) : InputCommand;

/// <summary>Show an ignored user's lines again: <c>/unignore bob</c>.</summary>
/// <param name="Name">Who to show again.</param>
public sealed record UnignoreCommand(string Name) : InputCommand;

/// <summary>Clear the log on this screen: <c>/clear</c>. Nothing is deleted for anyone else.</summary>
public sealed record ClearCommand : InputCommand;

/// <summary>Leave and quit: the word <c>exit</c>, <c>/quit [message]</c> or <c>/exit</c>.</summary>
/// <param name="Message">The parting message the others see.</param>
public sealed record QuitCommand(string Message) : InputCommand;

/// <summary>Not something that can be done; <paramref name="Hint"/> tells the user what to type instead. Nothing is sent.</summary>
/// <param name="Hint">One sentence for the user.</param>
public sealed record InvalidCommand(string Hint) : InputCommand;

/// <summary>Bring a window into view by its number: <c>/window 2</c> (Alt+2 does the same).</summary>
/// <param name="Number">1 for the first window.</param>
public sealed record WindowCommand(int Number) : InputCommand;

/// <summary>Close the window in view: <c>/close</c> (a private conversation's; a room's is closed by leaving it).</summary>
public sealed record CloseCommand : InputCommand;

/// <summary>Open the window of a private conversation and bring it into view: <c>/query bob</c>.</summary>
/// <param name="Name">The other party.</param>
public sealed record QueryCommand(string Name) : InputCommand;

/// <summary>Join a room and show its window: <c>/join #dev</c>.</summary>
/// <param name="Room">The room's name, '#' included.</param>
public sealed record JoinCommand(string Room) : InputCommand;

/// <summary>Leave a room and close its window: <c>/part</c> (the room in view), <c>/part #dev see you</c>.</summary>
/// <param name="Room">The room, or <see langword="null"/> for the one in view.</param>
/// <param name="Text">The parting message the others see.</param>
public sealed record PartCommand(string? Room, string Text) : InputCommand;

/// <summary>List the server's rooms with how many are in each and their topics: <c>/rooms</c>.</summary>
public sealed record RoomsCommand : InputCommand;

/// <summary>
/// Show the topic of the room in view (<c>/topic</c>), set it (<c>/topic text</c>) or clear it
/// (<c>/topic -delete</c>); with a room (<c>/topic #dev text</c>), that room's, which an operator
/// may set in any room.
/// </summary>
/// <param name="Topic">The new topic, an empty string to clear it, or <see langword="null"/> to show it.</param>
/// <param name="Room">The room named, or <see langword="null"/> for the one in view.</param>
public sealed record TopicCommand(string? Topic, string? Room = null) : InputCommand;

/// <summary>Take another name: <c>/nick robert</c>, or a registered one with its password: <c>/nick alice password</c>.</summary>
/// <param name="Name">The name wanted.</param>
/// <param name="Password">The name's password, or an empty string.</param>
public sealed record NickCommand(string Name, string Password = "") : InputCommand
{
    /// <summary>Prints the name only: the password never shows.</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>Always <see langword="true"/>.</returns>
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Password = ").Append(Password.Length == 0 ? "(none)" : "(given)");
        return true;
    }
}

/// <summary>Register this user's name with a password, or change it: <c>/register password</c>.</summary>
/// <param name="Password">The name's password from now on.</param>
public sealed record RegisterCommand(string Password) : InputCommand
{
    /// <summary>Prints nothing of the password.</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>Always <see langword="true"/>.</returns>
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Password = (given)");
        return true;
    }
}

/// <summary>
/// An operator's command, sent to the server as its console would take it: <c>/kick bob</c>,
/// <c>/ban 203.0.113.0/24 1d spam</c>, <c>/say hello</c>, <c>/op users</c>, ...
/// </summary>
/// <param name="Line">The console command line (<c>kick bob</c>).</param>
/// <param name="What">What it does, for a user who is not an operator ("ban").</param>
public sealed record OperatorCommand(string Line, string What) : InputCommand;

/// <summary>Mark oneself away with a text (<c>/away lunch</c>), or back (<c>/away</c>).</summary>
/// <param name="Text">Why, or an empty string: back.</param>
public sealed record AwayCommand(string Text) : InputCommand;

/// <summary>Search the room in view for lines holding words, in a window of its own: <c>/search release notes</c>.</summary>
/// <param name="Words">The words, as typed.</param>
public sealed record SearchCommand(string Words) : InputCommand;
