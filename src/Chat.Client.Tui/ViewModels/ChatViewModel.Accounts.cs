using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// Registered names: <c>/register</c> (and <c>/nick name password</c>), which warn once when the
/// connection is not encrypted, since the password would travel in clear; and what a moderated
/// user is told: a mute with its end, a ban with its reason and end.
/// </summary>
public sealed partial class ChatViewModel
{
    private bool _warnedPlaintext;

    /// <summary>Whether this user is one of the server's operators (the status line says so); the operator commands need it.</summary>
    public bool IsOperator { get; private set; }

    /// <summary>Whether this user's name is registered and this session proved it.</summary>
    public bool IsRegistered { get; private set; }

    /// <summary>Takes the account flags of a (new) session's welcome.</summary>
    private void ReadAccount(Welcome welcome)
    {
        IsOperator = welcome.Operator;
        IsRegistered = welcome.Registered;
    }

    private async Task<bool> RegisterAsync(string password)
    {
        if (!SupportsRooms)
        {
            SayNoRooms();
            return true;
        }

        if (_client is { CanRegister: false })
        {
            Current.Add(_lines.Local(LogKind.Info, $"{ServerName} does not let users register their names. Nothing was sent."));
            return true;
        }

        if (NamePasswordRules.Check(password) is { } problem)
        {
            Current.Add(_lines.Local(LogKind.Info, problem + " Nothing was sent."));
            return true;
        }

        if (!_settings.Tls && !ConfirmPlaintextPassword("/register"))
        {
            return false;
        }

        var window = Current;
        var changing = IsRegistered;
        return await RequestAsync("Registering your name", async (client, ct) =>
        {
            var name = await client.RegisterNameAsync(password, ct).ConfigureAwait(false);
            _ui.Post(() =>
            {
                _connector.NamePassword = password;
                IsRegistered = true;
                var shown = TextSanitizer.Sanitize(name);
                WindowOrCurrent(window).Add(_lines.Local(LogKind.Info, changing
                    ? $"The password of {shown} is changed: from now on it can be used only with the new one."
                    : $"{shown} is registered: from now on it can be used only with its password."));
            });
        });
    }

    /// <summary>
    /// On a connection without TLS, the first command that would send a password says it travels
    /// in clear and sends nothing; the command typed again goes out.
    /// </summary>
    /// <returns>Whether the password may go out now.</returns>
    private bool ConfirmPlaintextPassword(string command)
    {
        if (_warnedPlaintext)
        {
            return true;
        }

        _warnedPlaintext = true;
        Current.Add(_lines.Local(LogKind.Error,
            $"Your connection to {_connector.Endpoint} is not encrypted (no TLS): the password would travel in clear, readable on the way. " +
            $"Nothing was sent. Press Enter to send {command} anyway (the line is still there), or clear it and connect with --tls."));
        return false;
    }

    /// <summary>After a rename: the password the connector gives on reconnects follows the client's.</summary>
    private void AfterRename(string password, bool sameName)
    {
        if (password.Length > 0 || !sameName)
        {
            _connector.NamePassword = password;
        }

        IsRegistered = _client?.IsRegistered ?? false;
        SetConnectionStatus(ConnectedStatus());
    }

    /// <summary>A refusal because this user is muted: the line was not posted, and the mute ends when the server said.</summary>
    internal static string DescribeMute(ErrorMessage muted)
    {
        var text = TextSanitizer.Sanitize(muted.Text).Trim();
        var end = muted.Until is { } until
            ? $"The mute ends {until.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC."
            : "The mute has no end.";
        return $"You are muted: your line was not posted{(text.Length > 0 ? $" ({text.TrimEnd('.')})" : string.Empty)}. {end}";
    }

    /// <summary>The session ended with a ban: why and until when, as the login would say it.</summary>
    internal static string DescribeBan(ErrorMessage banned) =>
        TextSanitizer.Sanitize(new ChatRejectedException(RejectReason.Banned, banned.Text, banned.Until).Message);
}
