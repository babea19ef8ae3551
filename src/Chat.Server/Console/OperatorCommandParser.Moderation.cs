using Chat.Protocol;

namespace Chat.Server;

/// <summary>The parser's commands of accounts and moderation.</summary>
internal static partial class OperatorCommandParser
{
    /// <summary>The moderation commands and what they do, as <c>help</c> shows them after the others.</summary>
    public const string ModerationHelpText =
        """
          ban <name|address|CIDR> [duration] [reason]
                                 keep a name, an address or a network off the server (duration: 30m, 2h, 7d, 1w; none: no end)
          unban <name|address|CIDR>
                                 lift a ban
          bans                   list the bans and mutes: whom, by whom, when, until when, why
          mute <name> [duration] [reason]
                                 refuse a user's lines and private messages
          unmute <name>          lift a mute
          accounts               list the registered names and the operator accounts
          unregister <name>      forget a registered name: anybody may use it again
        """;

    /// <summary>Parses a command of accounts and moderation.</summary>
    /// <param name="word">The command word, upper case.</param>
    /// <param name="rest">What follows it.</param>
    /// <returns>The command, an <see cref="InvalidCommand"/>, or <see langword="null"/> when the word is not one of these.</returns>
    private static OperatorCommand? ParseModeration(string word, string rest) => word switch
    {
        "BAN" => ParseBan(rest),
        "UNBAN" => ParseUnban(rest),
        "BANS" => rest.Length == 0 ? new BansCommand() : new InvalidCommand("Usage: bans"),
        "MUTE" => ParseMute(rest),
        "UNMUTE" => NameArgument(rest, "unmute <name>") is { } problem ? problem : new UnmuteCommand(UserNameRules.Normalize(rest)),
        "ACCOUNTS" => rest.Length == 0 ? new AccountsCommand() : new InvalidCommand("Usage: accounts"),
        "UNREGISTER" => NameArgument(rest, "unregister <name>") is { } problem ? problem : new UnregisterCommand(UserNameRules.Normalize(rest)),
        _ => null,
    };

    private static OperatorCommand ParseBan(string rest)
    {
        const string Usage = "Usage: ban <name|address|CIDR> [duration] [reason], the duration such as 30m, 2h, 7d or 1w (none: no end)";
        var (targetText, more) = SplitWord(rest);
        if (targetText.Length == 0)
        {
            return new InvalidCommand(Usage);
        }

        if (!BanTarget.TryParse(targetText, out var target, out var problem))
        {
            return new InvalidCommand($"{problem} {Usage}");
        }

        var (duration, reason) = SplitDuration(more);
        return new BanCommand(target!, duration, reason);
    }

    private static OperatorCommand ParseUnban(string rest)
    {
        const string Usage = "Usage: unban <name|address|CIDR>";
        if (rest.Length == 0 || rest.Any(char.IsWhiteSpace))
        {
            return new InvalidCommand(Usage);
        }

        return BanTarget.TryParse(rest, out var target, out var problem) ? new UnbanCommand(target!) : new InvalidCommand($"{problem} {Usage}");
    }

    private static OperatorCommand ParseMute(string rest)
    {
        const string Usage = "Usage: mute <name> [duration] [reason], the duration such as 30m, 2h, 7d or 1w (none: no end)";
        var (name, more) = SplitWord(rest);
        if (NameArgument(name, Usage[7..]) is { } problem)
        {
            return problem;
        }

        var (duration, reason) = SplitDuration(more);
        return new MuteCommand(UserNameRules.Normalize(name), duration, reason);
    }

    /// <summary>A duration first, when the first word is one; the rest is the reason.</summary>
    private static (TimeSpan? Duration, string Reason) SplitDuration(string text)
    {
        var (first, remainder) = SplitWord(text);
        return BanDuration.TryParse(first, out var duration) ? (duration, remainder) : (null, text);
    }

    /// <summary>Checks a user name the operator typed; <see langword="null"/> when it is one.</summary>
    private static InvalidCommand? NameArgument(string name, string usage)
    {
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
        {
            return new InvalidCommand($"Usage: {usage}");
        }

        var problem = UserNameRules.Check(name);
        return problem == UserNameProblem.None ? null : new InvalidCommand($"{UserNameRules.Describe(problem, name)} Usage: {usage}");
    }
}
