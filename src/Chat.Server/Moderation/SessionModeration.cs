using Chat.Protocol;

namespace Chat.Server;

/// <summary>What a <see cref="ClientSession"/> needs of the server's accounts and bans, and how it runs an operator's command.</summary>
/// <param name="Accounts">The registered names and operator accounts.</param>
/// <param name="Bans">The bans and mutes.</param>
/// <param name="Passwords">Where passwords are hashed and checked.</param>
/// <param name="RunOperatorCommandAsync">Runs an operator's command line from the chat for an actor, answering the request of the id given.</param>
internal sealed record SessionModeration(
    AccountStore Accounts,
    ModerationStore Bans,
    PasswordVerifier Passwords,
    Func<int, string, string, Task<OperatorReply>> RunOperatorCommandAsync);
