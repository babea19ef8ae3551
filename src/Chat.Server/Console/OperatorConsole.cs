using Chat.Protocol;
using Microsoft.Extensions.Logging;

namespace Chat.Server;

/// <summary>
/// Carries out the operator's commands against a running server and answers in words. Every
/// console (standard input, each client of the console socket, an operator in the chat) has its
/// own, which knows who acts, so that every action is logged with who did it.
/// </summary>
/// <param name="server">The server to act on.</param>
/// <param name="output">Where answers go (the server's standard output, a console socket's client).</param>
/// <param name="actor">Who gives the commands, as the log shows it: <c>"console"</c> for standard input, <c>"console socket (uid 1000, pid 4242)"</c>, <c>"alice (operator)"</c>.</param>
internal sealed partial class OperatorConsole(ChatServer server, TextWriter output, string actor)
{
    /// <summary>Who acts on standard input, as the log shows it.</summary>
    public const string StandardInputActor = "console";

    private readonly ILogger _logger = server.LoggerFactory.CreateLogger<OperatorConsole>();

    /// <summary>Who gives the commands, as the log shows it.</summary>
    public string Actor { get; } = actor;

    /// <summary>
    /// Whether the last command failed: it was not a command, or could not be carried out (a
    /// user or room that does not exist, a text the rules refuse, a backup that failed). What it
    /// wrote says why.
    /// </summary>
    public bool Failed { get; private set; }

    /// <summary>Parses and carries out one line.</summary>
    /// <param name="line">The line as typed.</param>
    /// <returns><see langword="true"/> when the line closed the server, so no more commands will follow.</returns>
    public async Task<bool> ExecuteAsync(string? line)
    {
        Failed = false;
        switch (OperatorCommandParser.Parse(line))
        {
            case EmptyCommand:
                return false;
            case InvalidCommand invalid:
                Fail(invalid.Message);
                return false;
            case HelpCommand:
                Write(OperatorCommandParser.HelpText);
                return false;
            case UsersCommand users:
                ListUsers(users.Room);
                return false;
            case StatsCommand:
                ShowStats();
                return false;
            case RoomsCommand:
                ListRooms();
                return false;
            case SayCommand say:
                Say(say.Text, say.Room);
                return false;
            case TopicCommand topic:
                await SetTopicAsync(topic.Room, topic.Topic);
                return false;
            case KickCommand kick:
                Kick(kick.UserName, kick.Reason);
                return false;
            case BackupCommand backup:
                await BackupAsync(backup.Path);
                return false;
            case ModerationCommand moderation:
                ExecuteModeration(moderation);
                return false;
            case CloseCommand close:
                if (close.Reason != ChatServer.DefaultShutdownText && !CheckText(close.Reason))
                {
                    return false; // The shutdown text is shown to everyone: the operator may fix it and close again.
                }

                var count = server.Users.Count;
                Write($"Closing: telling {(count == 1 ? "1 user" : $"{count} users")} that the server is shutting down.");
                LogClose(_logger, Actor, close.Reason);
                await server.StopAsync(close.Reason);
                Write("Closed.");
                return true;
            default:
                return false;
        }
    }

    private void ListRooms()
    {
        var rooms = server.Rooms.All();
        Write(rooms.Count == 1 ? "1 room:" : $"{rooms.Count} rooms:");
        foreach (var room in rooms)
        {
            var info = room.Info();
            var kind = room.Kind == RoomKind.Operator ? ", stays" : string.Empty;
            var users = info.UserCount == 1 ? "1 user" : $"{info.UserCount} users";
            Write(info.Topic.Length == 0 ? $"  {info.Name} ({users}{kind})" : $"  {info.Name} ({users}{kind}): {info.Topic}{SetBy(room.Topic)}");
        }
    }

    /// <summary>Who set a topic and when, for the room list: " (set by alice, 2026-12-02 06:00 UTC)".</summary>
    private static string SetBy(RoomTopic topic) =>
        topic.SetBy.Length == 0
            ? string.Empty
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (set by {topic.SetBy}, {topic.Timestamp:yyyy-MM-dd HH:mm} UTC)");

    private void Kick(string userName, string reason)
    {
        // The reason is shown to everyone, so it follows the rules of any line of text.
        if (reason.Length > 0 && !CheckText(reason))
        {
            return;
        }

        var kicked = server.Kick(userName, reason);
        if (kicked is null)
        {
            Fail($"Nobody called \"{userName}\" is on the server.");
            return;
        }

        LogKick(_logger, Actor, kicked, reason);
        Write($"Kicked {kicked}.");
    }

    private void Say(string text, string roomName)
    {
        if (!CheckText(text))
        {
            return;
        }

        if (roomName.Length == 0)
        {
            var count = server.Say(text);
            LogSay(_logger, Actor, "everyone", count, text);
            Write(count == 1 ? "Sent to 1 user." : $"Sent to {count} users.");
            return;
        }

        if (server.Rooms.Find(roomName) is not { } room)
        {
            Fail($"There is no room called {roomName}.");
            return;
        }

        var members = room.Count;
        if (room.Announce(text) is null)
        {
            Fail("The server is closing; nothing was sent.");
            return;
        }

        LogSay(_logger, Actor, room.Name, members, text);
        Write(members == 1 ? $"Sent to 1 user in {room.Name}." : $"Sent to {members} users in {room.Name}.");
    }

    private async Task SetTopicAsync(string roomName, string topic)
    {
        if (topic.Length > 0 && !CheckText(topic, ChatServerOptions.MaxTopicLength))
        {
            return;
        }

        var opening = await server.SetTopicAsync(roomName, topic);
        if (opening.Room is not { } room)
        {
            Fail($"The server has {server.Options.MaxRooms} rooms, as many as it allows; {roomName} cannot be created.");
            return;
        }

        LogTopic(_logger, Actor, room.Name, topic);
        Write(topic.Length == 0 ? $"Cleared the topic of {room.Name}." : $"Set the topic of {room.Name}.");
    }

    private bool CheckText(string text) => CheckText(text, server.Options.MaxTextLength);

    private bool CheckText(string text, int maxLength)
    {
        var problem = TextRules.Check(text, maxLength);
        if (problem != TextProblem.None)
        {
            Fail(TextRules.Describe(problem, maxLength));
        }

        return problem == TextProblem.None;
    }

    private void Write(string text)
    {
        output.WriteLine(text);
        output.Flush();
    }

    /// <summary>Writes why the command failed, and marks it <see cref="Failed"/>.</summary>
    private void Fail(string text)
    {
        Failed = true;
        Write(text);
    }
}
