using System.Net;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// Registered names, operator accounts, bans and mutes (docs/protocol.md, section 7, Accounts and
/// moderation): the stores in the data folder, read at <see cref="Start"/>, and what a ban does to
/// the users online.
/// </summary>
internal sealed partial class ChatServer
{
    /// <summary>The registered names and operator accounts.</summary>
    public AccountStore Accounts { get; private set; } = null!;

    /// <summary>The bans and mutes.</summary>
    public ModerationStore Bans { get; private set; } = null!;

    /// <summary>Where passwords are hashed and checked, a few at a time.</summary>
    public PasswordVerifier Passwords { get; private set; } = null!;

    /// <summary>What a session needs of the accounts and bans.</summary>
    private SessionModeration SessionModeration { get; set; } = null!;

    /// <summary>Disconnects everyone online that a new ban holds: a fatal <see cref="ErrorCode.Banned"/> error, and their rooms see them leave as kicked.</summary>
    /// <param name="target">The ban's target.</param>
    /// <param name="ban">The ban.</param>
    /// <returns>Who was disconnected: each user's name (empty before its hello) and address.</returns>
    public IReadOnlyList<(string Name, IPAddress? Address)> DisconnectBanned(BanTarget target, Sanction ban)
    {
        var gone = new List<(string, IPAddress?)>();
        foreach (var session in _sessions.Values)
        {
            var address = session.Admission?.Address;
            var name = session.Name;
            if ((name.Length > 0 && target.HoldsName(name)) || target.HoldsAddress(address))
            {
                if (session.Disconnect(SessionEnd.Banned(ban.Reason.Length == 0 ? "Banned." : $"Banned: {ban.Reason}", SanctionTexts.BannedNow(ban), ban.Until)))
                {
                    gone.Add((name, address));
                }
            }
        }

        return gone;
    }

    /// <summary>Tells a user online that it is muted, once, when the mute is decided.</summary>
    /// <param name="name">The user's name.</param>
    /// <param name="mute">The mute.</param>
    /// <returns>The user's name as the server shows it, or <see langword="null"/> when nobody of that name is online.</returns>
    public string? TellMuted(string name, Sanction mute)
    {
        if (Users.Find(name) is not { } user)
        {
            return null;
        }

        user.Deliver(EncodedMessage.Encode(new ErrorMessage(ErrorCode.Muted, SanctionTexts.MutedNow(mute)) { Until = mute.Until }));
        return user.Name;
    }

    /// <summary>The address of the user of a name, if one is online.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The address, or <see langword="null"/>.</returns>
    public IPAddress? AddressOf(string name) =>
        Users.Find(name) is ClientSession { Admission: { } ticket } ? ticket.Address : null;

    /// <summary>Creates the stores; nothing is read until <see cref="LoadModeration"/>.</summary>
    private void CreateModeration(ChatServerOptions options)
    {
        Accounts = new AccountStore(options.DataFolder, options.Operators, options.TimeProvider);
        Bans = new ModerationStore(options.DataFolder, options.TimeProvider);
        Passwords = new PasswordVerifier(options.PasswordIterations);
        SessionModeration = new SessionModeration(Accounts, Bans, Passwords, RunChatOperatorCommandAsync);
    }

    /// <summary>Reads the accounts and the bans.</summary>
    /// <exception cref="ChatException">A file cannot be read or is not valid; the message names it.</exception>
    private void LoadModeration()
    {
        Accounts.Load();
        Bans.Load();
    }

    /// <summary>The address ban that refuses a connection just accepted, if any; counted and logged with the other refusals.</summary>
    private Sanction? AddressBan(IPAddress? address)
    {
        if (Bans.FindAddressBan(address) is not { } ban)
        {
            return null;
        }

        Admission.Summary.Refused(address, RefusalKind.Banned);
        Metrics.Refused(RefusalKind.Banned);
        return ban;
    }

    /// <summary>Runs an operator's command from the chat (<see cref="OperatorRequest"/>) through the operator console.</summary>
    private async Task<OperatorReply> RunChatOperatorCommandAsync(int requestId, string actor, string command)
    {
        using var output = new StringWriter { NewLine = "\n" };
        var console = new OperatorConsole(this, output, actor);
        var failed = !await console.ExecuteFromChatAsync(command);
        var lines = output.ToString().Split('\n').Select(static line => line.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new OperatorReply(requestId, FitReply(lines)) { Failed = failed };
    }

    /// <summary>The lines of a reply that fit in one frame the server may send; when some do not, the last says how many were left out.</summary>
    private List<string> FitReply(List<string> lines)
    {
        long budget = _options.MaxSentFrameLength - FrameBudget.MessageOverhead - 64;
        for (var i = 0; i < lines.Count; i++)
        {
            budget -= FrameBudget.Of(lines[i]);
            if (budget < 0)
            {
                var kept = lines.Take(Math.Max(0, i - 1)).ToList();
                kept.Add($"… and {lines.Count - kept.Count} more lines, left out: the reply would not fit in one message.");
                return kept;
            }
        }

        return lines;
    }
}
