using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// Lines that concern this user — a line that mentions them, a private message to them — alert:
/// the bell rings (unless turned off), the terminal's title counts them until the user is back
/// at the keyboard, and while the log is scrolled up the status line says how many of the new
/// lines below are for them.
/// </summary>
public sealed partial class ChatViewModel
{
    private readonly HashSet<string> _ignored = new(UserNameRules.Comparer);
    private string? _lastPrivateFrom;

    /// <summary>Raised when a line for this user arrives and the bell is on: the view rings the terminal's bell.</summary>
    public event EventHandler? BellRequested;

    /// <summary>Raised when <see cref="TerminalTitle"/> changes.</summary>
    public event EventHandler? TerminalTitleChanged;

    /// <summary>Mentions and private messages that arrived since the user last pressed a key.</summary>
    public int UnreadAlerts { get; private set; }

    /// <summary>The terminal window's title: the window in view, with the count of unread mentions and private messages in front.</summary>
    public string TerminalTitle => UnreadAlerts > 0 ? $"({UnreadAlerts}) {Title}" : Title;

    /// <summary>Who is ignored, sorted.</summary>
    public IReadOnlyList<string> Ignored => [.. _ignored.Order(UserNameRules.Comparer)];

    /// <summary>The user is at the keyboard (a key was pressed): the unread count starts again. Call on the UI thread.</summary>
    public void MarkAlertsSeen()
    {
        if (UnreadAlerts == 0)
        {
            return;
        }

        UnreadAlerts = 0;
        TerminalTitleChanged?.Invoke(this, EventArgs.Empty);
    }

    private bool IsIgnored(string name) => _ignored.Contains(name);

    /// <summary>A line for this user arrived in <paramref name="window"/>: a mention, or a private message to them.</summary>
    private void Alert(WindowViewModel window)
    {
        UnreadAlerts++;
        window.CountAlert();

        if (_settings.Bell)
        {
            BellRequested?.Invoke(this, EventArgs.Empty);
        }

        TerminalTitleChanged?.Invoke(this, EventArgs.Empty);
    }

    private void Ignore(string? name)
    {
        if (name is null)
        {
            Current.Add(_lines.Local(LogKind.Info, _ignored.Count == 0
                ? "Nobody is ignored. /ignore <name> hides a user's lines and private messages."
                : $"Ignored ({_ignored.Count}): {string.Join(", ", Ignored)}. /unignore <name> shows them again."));
            return;
        }

        if (UserNameRules.Check(name) != UserNameProblem.None)
        {
            Current.Add(_lines.Local(LogKind.Info, $"\"{TextSanitizer.Sanitize(name)}\" is not a user name. Usage: /ignore <name>"));
            return;
        }

        if (UserNameRules.Comparer.Equals(name, UserName))
        {
            Current.Add(_lines.Local(LogKind.Info, "You cannot ignore yourself."));
            return;
        }

        Current.Add(_lines.Local(LogKind.Info, _ignored.Add(name)
            ? $"Ignoring {name}: their lines and private messages are not shown here (/unignore {name} to undo). Nobody else is told."
            : $"{name} is already ignored."));
    }

    private void Unignore(string name)
    {
        Current.Add(_lines.Local(LogKind.Info, _ignored.Remove(name)
            ? $"No longer ignoring {name}."
            : $"{name} is not ignored."));
    }

    private async Task<bool> ReplyAsync(string text)
    {
        if (_lastPrivateFrom is not { } to)
        {
            Current.Add(_lines.Local(LogKind.Info, "Nobody has sent you a private message yet: /r answers the last one. Use /msg <name> <text>."));
            return false;
        }

        return await SendAsync(text, (client, ct) => client.SendPrivateAsync(to, text, ct));
    }
}
