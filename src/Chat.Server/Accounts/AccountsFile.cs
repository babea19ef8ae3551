namespace Chat.Server;

/// <summary>What <c>accounts.json</c> holds: the registered names.</summary>
internal sealed class AccountsFile
{
    /// <summary>The registered names, each with its password's hash.</summary>
    public List<RegisteredName> Accounts { get; set; } = [];
}
