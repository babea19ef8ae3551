namespace Chat.Server;

/// <summary>Registered names and operator accounts (docs/protocol.md, section 7, Accounts and moderation).</summary>
internal sealed partial record ChatServerOptions
{
    /// <summary>The operator accounts (<c>--operator NAME:HASH</c>): a user who gives such a name its password is an operator.</summary>
    public IReadOnlyList<OperatorAccount> Operators { get; init; } = [];

    /// <summary>Whether users may register their names (<c>RegisterName</c>; <c>--registration</c>, on by default).</summary>
    public bool Registration { get; init; } = true;

    /// <summary>The PBKDF2 iterations of the hashes the server makes for registered names; tests make it smaller.</summary>
    public int PasswordIterations { get; init; } = PasswordHash.DefaultIterations;

    private void ValidateAccounts()
    {
        ArgumentNullException.ThrowIfNull(Operators, nameof(Operators));
        ArgumentOutOfRangeException.ThrowIfLessThan(PasswordIterations, 1, nameof(PasswordIterations));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PasswordIterations, PasswordHash.MaxIterations, nameof(PasswordIterations));
    }
}
