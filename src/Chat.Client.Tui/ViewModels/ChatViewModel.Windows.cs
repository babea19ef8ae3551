using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>Switching windows, and the commands about them: <c>/window</c>, <c>/query</c>, <c>/close</c>, <c>/who</c>.</summary>
public sealed partial class ChatViewModel
{
    /// <summary>Brings the window with this number into view (Alt+1..9, <c>/window n</c>).</summary>
    /// <param name="number">1 for the first.</param>
    public void SelectWindow(int number)
    {
        if (!Windows.Select(number))
        {
            Current.Add(_lines.Local(LogKind.Info, Windows.All.Count == 1
                ? "There is only one window."
                : $"There is no window {number}: the windows are 1 to {Windows.All.Count}."));
        }
    }

    /// <summary>Brings the next window into view (Ctrl+N).</summary>
    public void NextWindow() => Windows.Next();

    /// <summary>Brings the previous window into view (Ctrl+P).</summary>
    public void PreviousWindow() => Windows.Previous();

    private void Who()
    {
        Current.Add(_lines.Local(LogKind.Info, Current switch
        {
            PrivateWindowViewModel conversation =>
                $"This window is a private conversation with {conversation.Peer}; /who in a room's window lists who is in it.",
            RoomWindowViewModel { Room.Length: 0 } => $"In the room ({Users.Count}): {string.Join(", ", Users)}",
            _ => $"In {Current.Label} ({Users.Count}): {string.Join(", ", Users)}",
        }));
    }

    /// <summary>Opens (or brings up) the window of a conversation with <paramref name="name"/>: <c>/query</c>, and <c>/msg</c> before it sends.</summary>
    private bool Query(string name)
    {
        if (UserNameRules.Check(name) != UserNameProblem.None)
        {
            Current.Add(_lines.Local(LogKind.Info, $"\"{TextSanitizer.Sanitize(name)}\" is not a user name. Usage: /msg <name> <text>, or /query <name>"));
            return false;
        }

        if (UserNameRules.Comparer.Equals(name, UserName))
        {
            Current.Add(_lines.Local(LogKind.Info, "That is you: private messages go to someone else."));
            return false;
        }

        OpenPrivate(name, select: true);
        return true;
    }

    /// <summary>Closes the window in view: a conversation's window; a room's is left with /part.</summary>
    private void CloseCurrent()
    {
        var window = Current;
        if (window is RoomWindowViewModel room && (room.IsJoined || !SupportsRooms))
        {
            Current.Add(_lines.Local(LogKind.Info, SupportsRooms
                ? $"You are in {room.Label}: /part leaves it and closes its window."
                : "This is the server's room: /quit leaves it."));
            return;
        }

        if (!Windows.Remove(window))
        {
            Current.Add(_lines.Local(LogKind.Info, "This is the last window: /quit leaves."));
        }
    }

    /// <summary>The window of a conversation with <paramref name="peer"/>, opened at the end when there is none.</summary>
    private PrivateWindowViewModel OpenPrivate(string peer, bool select)
    {
        var window = Windows.FindPrivate(peer);
        if (window is null)
        {
            window = new PrivateWindowViewModel(TextSanitizer.Sanitize(peer));
            Watch(window);
            Windows.Add(window, select);
        }
        else if (select)
        {
            Windows.Select(window);
        }

        return window;
    }
}
