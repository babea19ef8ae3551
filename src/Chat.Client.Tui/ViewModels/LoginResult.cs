using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>How a login attempt ended.</summary>
public abstract record LoginResult
{
    private protected LoginResult()
    {
    }
}

/// <summary>In the room.</summary>
/// <param name="Client">The client, in the room.</param>
public sealed record LoginSucceeded(ChatClient Client) : LoginResult;

/// <summary>The name was refused, locally or by the server; the user may try another.</summary>
/// <param name="Message">Why, in words.</param>
public sealed record LoginRefused(string Message) : LoginResult;

/// <summary>The server wants a password, and none or a wrong one was given; the user may type it.</summary>
/// <param name="Message">What to tell the user ("This server needs a password." or "The password is wrong.").</param>
public sealed record LoginNeedsPassword(string Message) : LoginResult;

/// <summary>The name is registered (or is an operator account), and its password was missing or wrong; the user may type it, or another name.</summary>
/// <param name="Message">What to tell the user ("alice is registered: type its password, or choose another name.").</param>
public sealed record LoginNeedsNamePassword(string Message) : LoginResult;

/// <summary>The server could not be reached or refused the client; the user may retry or quit.</summary>
/// <param name="Message">What happened, in words ("No chat server is listening on 127.0.0.1:5000.").</param>
public sealed record LoginFailed(string Message) : LoginResult;
