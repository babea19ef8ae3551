namespace Chat.Server;

/// <summary>Whether the <see cref="UserDirectory"/> gave a user a name, or why not.</summary>
internal enum ClaimOutcome
{
    /// <summary>The name is the user's now.</summary>
    Claimed,

    /// <summary>Another user has that name, in some letter case.</summary>
    NameTaken,

    /// <summary>The server has as many users as it may (<see cref="ChatServerOptions.MaxClients"/>).</summary>
    ServerFull,
}
