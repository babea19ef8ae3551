namespace Chat.Server;

/// <summary>A command of accounts and moderation: bans, mutes and registered names (<see cref="OperatorConsole"/>'s Moderation part).</summary>
internal abstract record ModerationCommand : OperatorCommand;

/// <summary><c>ban &lt;name|address|CIDR&gt; [duration] [reason]</c>: keep a name, an address or a network off the server.</summary>
/// <param name="Target">Whom.</param>
/// <param name="Duration">How long; <see langword="null"/> for no end.</param>
/// <param name="Reason">Why, shown to whom it bans; may be empty.</param>
internal sealed record BanCommand(BanTarget Target, TimeSpan? Duration, string Reason) : ModerationCommand;

/// <summary><c>unban &lt;name|address|CIDR&gt;</c>: lift a ban.</summary>
/// <param name="Target">Whom, as banned.</param>
internal sealed record UnbanCommand(BanTarget Target) : ModerationCommand;

/// <summary><c>bans</c>: list the bans and mutes in force.</summary>
internal sealed record BansCommand : ModerationCommand;

/// <summary><c>mute &lt;name&gt; [duration] [reason]</c>: refuse a user's lines and private messages.</summary>
/// <param name="UserName">Whom.</param>
/// <param name="Duration">How long; <see langword="null"/> for no end.</param>
/// <param name="Reason">Why, shown to the user; may be empty.</param>
internal sealed record MuteCommand(string UserName, TimeSpan? Duration, string Reason) : ModerationCommand;

/// <summary><c>unmute &lt;name&gt;</c>: lift a mute.</summary>
/// <param name="UserName">Whom.</param>
internal sealed record UnmuteCommand(string UserName) : ModerationCommand;

/// <summary><c>accounts</c>: list the registered names and the operator accounts.</summary>
internal sealed record AccountsCommand : ModerationCommand;

/// <summary><c>unregister &lt;name&gt;</c>: forget a registered name, so that anybody may use it again.</summary>
/// <param name="UserName">The name.</param>
internal sealed record UnregisterCommand(string UserName) : ModerationCommand;
