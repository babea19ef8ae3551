using System.Globalization;

namespace Chat.Server;

/// <summary>
/// The console's commands of accounts and moderation: <c>ban</c>, <c>unban</c>, <c>bans</c>,
/// <c>mute</c>, <c>unmute</c>, <c>accounts</c> and <c>unregister</c>; and the way an operator in the chat
/// runs any command (<see cref="ExecuteFromChatAsync"/>).
/// </summary>
internal sealed partial class OperatorConsole
{
    private static readonly string[] s_sanctionColumns = ["TARGET", "BY", "SINCE", "UNTIL", "REASON"];

    /// <summary>
    /// Carries out one line for an operator in the chat (<c>OperatorRequest</c>): as <see cref="ExecuteAsync"/>,
    /// except that <c>close</c> and <c>backup</c> run only from the server's own console.
    /// </summary>
    /// <param name="line">The command line.</param>
    /// <returns>Whether the command was carried out; otherwise what it wrote says why.</returns>
    public async Task<bool> ExecuteFromChatAsync(string line)
    {
        switch (OperatorCommandParser.Parse(line))
        {
            case CloseCommand or BackupCommand:
                Fail("close and backup run only from the server's console (its standard input or Chat.Server console), not from the chat.");
                return false;
            case EmptyCommand:
                Fail("The command is empty; help lists the commands.");
                return false;
        }

        await ExecuteAsync(line);
        return !Failed;
    }

    private void ExecuteModeration(ModerationCommand command)
    {
        try
        {
            switch (command)
            {
                case BanCommand ban:
                    Ban(ban);
                    break;
                case UnbanCommand unban:
                    Unban(unban.Target);
                    break;
                case BansCommand:
                    ListBans();
                    break;
                case MuteCommand mute:
                    Mute(mute);
                    break;
                case UnmuteCommand unmute:
                    Unmute(unmute.UserName);
                    break;
                case AccountsCommand:
                    ListAccounts();
                    break;
                case UnregisterCommand unregister:
                    Unregister(unregister.UserName);
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail($"Nothing changed: the data folder's file could not be written ({ex.Message}).");
        }
    }

    private void Ban(BanCommand command)
    {
        if (command.Reason.Length > 0 && !CheckText(command.Reason))
        {
            return; // The reason is shown to whom the ban holds.
        }

        var (ban, replaced) = server.Bans.Ban(command.Target, command.Duration, command.Reason, Actor);
        var until = ban.UntilText();
        LogBan(_logger, Actor, ban.Target, until, ban.Reason);
        Write($"Banned {ban.Target} {until}{ban.ReasonText()}{(replaced ? " (This ban replaces the earlier one.)" : string.Empty)}");
        foreach (var (name, address) in server.DisconnectBanned(command.Target, ban))
        {
            var who = name.Length == 0 ? "a connection that had not said hello" : name;
            Write(address is null ? $"Disconnected {who}." : $"Disconnected {who} ({address}).");
            if (!command.Target.IsAddress && address is not null)
            {
                Write($"{name} was connected from {address}: ban {address} bans that address too.");
            }
        }
    }

    private void Unban(BanTarget target)
    {
        if (server.Bans.Unban(target) is not { } lifted)
        {
            Fail($"{target} is not banned.");
            return;
        }

        LogUnban(_logger, Actor, lifted.Target);
        Write($"Lifted the ban of {lifted.Target}.");
    }

    private void ListBans()
    {
        var (bans, mutes) = server.Bans.List();
        Write(bans.Count switch { 0 => "No bans.", 1 => "1 ban:", _ => $"{bans.Count} bans:" });
        WriteSanctions(bans);
        Write(mutes.Count switch { 0 => "No mutes.", 1 => "1 mute:", _ => $"{mutes.Count} mutes:" });
        WriteSanctions(mutes);
    }

    private void WriteSanctions(IReadOnlyList<Sanction> sanctions)
    {
        if (sanctions.Count == 0)
        {
            return;
        }

        var rows = sanctions.Select(s => (IReadOnlyList<string>)[s.Target, s.By, Time(s.Created), s.Until is { } until ? Time(until) : "no end", s.Reason]).ToList();
        foreach (var line in TextTable.Format(s_sanctionColumns, rows))
        {
            Write($"  {line}");
        }
    }

    private void Mute(MuteCommand command)
    {
        if (command.Reason.Length > 0 && !CheckText(command.Reason))
        {
            return;
        }

        var mute = server.Bans.Mute(command.UserName, command.Duration, command.Reason, Actor);
        var until = mute.UntilText();
        LogMute(_logger, Actor, mute.Target, until, mute.Reason);
        var online = server.TellMuted(command.UserName, mute);
        Write($"Muted {mute.Target} {until}{mute.ReasonText()}");
        Write(online is null ? $"Nobody called {mute.Target} is on the server now; the mute holds whoever takes the name." : $"{online} was told.");
    }

    private void Unmute(string userName)
    {
        if (server.Bans.Unmute(userName) is not { } lifted)
        {
            Fail($"{userName} is not muted.");
            return;
        }

        LogUnmute(_logger, Actor, lifted.Target);
        Write($"Lifted the mute of {lifted.Target}.");
    }

    private void ListAccounts()
    {
        var (registered, operators) = server.Accounts.List();
        Write(operators.Count switch
        {
            0 => "No operator accounts (--operator).",
            1 => $"1 operator account (--operator): {operators[0]}",
            _ => $"{operators.Count} operator accounts (--operator): {string.Join(", ", operators)}",
        });
        Write(registered.Count switch { 0 => "No registered names.", 1 => "1 registered name:", _ => $"{registered.Count} registered names:" });
        foreach (var account in registered)
        {
            Write($"  {account.Name} (since {Time(account.Registered)})");
        }
    }

    private void Unregister(string userName)
    {
        if (server.Accounts.IsOperator(userName))
        {
            Fail($"{userName} is an operator account of the configuration (--operator); it is removed there, not here.");
            return;
        }

        if (server.Accounts.Unregister(userName) is not { } name)
        {
            Fail($"{userName} is not a registered name.");
            return;
        }

        LogUnregister(_logger, Actor, name);
        Write($"Unregistered {name}: anybody may use that name now.");
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
