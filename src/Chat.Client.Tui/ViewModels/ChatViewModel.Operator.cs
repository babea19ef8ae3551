using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The operator's commands (<c>/kick</c>, <c>/ban</c>, <c>/unban</c>, <c>/bans</c>, <c>/mute</c>,
/// <c>/unmute</c>, <c>/say</c>, <c>/topic #room</c> on a room this user is not in, <c>/op</c>):
/// each goes to the server as one console command line (<see cref="ChatClient.RunOperatorCommandAsync"/>)
/// and what the console printed comes back as system lines in the window it was typed in. A user
/// who is not an operator is told so here, and nothing is sent.
/// </summary>
public sealed partial class ChatViewModel
{
    private async Task<bool> RunOperatorAsync(OperatorCommand command)
    {
        if (!SupportsRooms)
        {
            SayNoRooms();
            return true;
        }

        if (!IsOperator)
        {
            Current.Add(_lines.Local(LogKind.Info, $"Only operators can {command.What}; you are not an operator on this server."));
            return true;
        }

        var window = Current;
        return await RequestAsync("The operator command", (client, ct) => RunOperatorLineAsync(client, window, command.Line, ct));
    }

    /// <summary>The topic of a room named in <c>/topic #room [text]</c>: this user's own room as usual, any other as the operator.</summary>
    private async Task<bool> TopicOfAsync(string named, string? topic)
    {
        var problem = RoomNameRules.Check(named);
        if (problem != RoomNameProblem.None)
        {
            Current.Add(_lines.Local(LogKind.Info, RoomNameRules.Describe(problem, TextSanitizer.Sanitize(named)) + " Usage: /topic #room <text>"));
            return false;
        }

        if (Windows.FindRoom(named) is { IsJoined: true } room)
        {
            if (topic is null)
            {
                ShowTopic(room);
                return true;
            }

            return await SetTopicAsync(room.Room, topic);
        }

        var shown = TextSanitizer.Sanitize(named);
        if (topic is null || !IsOperator)
        {
            Current.Add(_lines.Local(LogKind.Info, topic is null
                ? $"You are not in {shown}: /join {shown} shows its topic."
                : $"You are not in {shown}: only its members, or an operator, can set its topic."));
            return true;
        }

        if (!CheckText(topic, ProtocolInfo.MaxTopicLength, "A topic"))
        {
            return false;
        }

        var window = Current;
        return await RequestAsync($"Setting the topic of {named}", (client, ct) => RunOperatorLineAsync(client, window, TopicLine(named, topic), ct));
    }

    /// <summary>The console's command that sets (or, with an empty text, clears) a room's topic.</summary>
    private static string TopicLine(string room, string topic) => $"topic {room} {topic}".TrimEnd();

    /// <summary>Runs one console command line and shows what the server's console printed.</summary>
    private async Task RunOperatorLineAsync(ChatClient client, WindowViewModel window, string line, CancellationToken cancellationToken)
    {
        var reply = await client.RunOperatorCommandAsync(line, cancellationToken).ConfigureAwait(false);
        var kind = reply.Failed ? LogKind.Error : LogKind.Info;
        var lines = reply.Lines.Count == 0 ? [reply.Failed ? "The command failed." : "Done."] : reply.Lines;
        _ui.Post(() => WindowOrCurrent(window).AddRange([.. lines.Select(l => _lines.Local(kind, TextSanitizer.Sanitize(l)))]));
    }
}
