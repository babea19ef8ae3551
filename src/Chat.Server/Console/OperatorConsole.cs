using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// Carries out the operator's commands against a running server and answers in words.
/// </summary>
/// <param name="server">The server to act on.</param>
/// <param name="output">Where answers go (the server's standard output).</param>
internal sealed class OperatorConsole(ChatServer server, TextWriter output)
{
    /// <summary>Parses and carries out one line.</summary>
    /// <param name="line">The line as typed.</param>
    /// <returns><see langword="true"/> when the line closed the server, so no more commands will follow.</returns>
    public async Task<bool> ExecuteAsync(string? line)
    {
        switch (OperatorCommandParser.Parse(line))
        {
            case EmptyCommand:
                return false;
            case InvalidCommand invalid:
                Write(invalid.Message);
                return false;
            case HelpCommand:
                Write(OperatorCommandParser.HelpText);
                return false;
            case UsersCommand:
                ListUsers();
                return false;
            case SayCommand say:
                Say(say.Text);
                return false;
            case KickCommand kick:
                Kick(kick.UserName, kick.Reason);
                return false;
            case CloseCommand close:
                if (close.Reason != ChatServer.DefaultShutdownText && !CheckText(close.Reason))
                {
                    return false; // The shutdown text is shown to everyone: the operator may fix it and close again.
                }

                Write($"Closing: telling {server.Room.Count} users that the server is shutting down.");
                await server.StopAsync(close.Reason);
                Write("Closed.");
                return true;
            default:
                return false;
        }
    }

    private void ListUsers()
    {
        var users = server.Room.Users();
        Write(users.Count switch
        {
            0 => "Nobody is in the room.",
            1 => $"1 user in the room: {users[0]}",
            _ => $"{users.Count} users in the room: {string.Join(", ", users)}",
        });
    }

    private void Kick(string userName, string reason)
    {
        // The reason is shown to everyone, so it follows the rules of any line of text.
        if (reason.Length > 0 && !CheckText(reason))
        {
            return;
        }

        var kicked = server.Kick(userName, reason);
        Write(kicked is null ? $"Nobody called \"{userName}\" is in the room." : $"Kicked {kicked}.");
    }

    private void Say(string text)
    {
        if (!CheckText(text))
        {
            return;
        }

        var count = server.Room.Count;
        Write(server.Say(text) ? $"Sent to {count} users." : "The server is closing; nothing was sent.");
    }

    private bool CheckText(string text)
    {
        var problem = TextRules.Check(text, server.Options.MaxTextLength);
        if (problem != TextProblem.None)
        {
            Write(TextRules.Describe(problem, server.Options.MaxTextLength));
        }

        return problem == TextProblem.None;
    }

    private void Write(string text)
    {
        output.WriteLine(text);
        output.Flush();
    }
}
