namespace Chat.Server;

/// <summary>A name a user registered (<c>RegisterName</c>).</summary>
/// <param name="Name">The name, as the user wrote it.</param>
/// <param name="Hash">Its password's hash (<see cref="PasswordHash"/>).</param>
/// <param name="Registered">When it was registered, or its password last changed (UTC).</param>
internal sealed record RegisteredName(string Name, string Hash, DateTime Registered)
{
    /// <summary>Never shows the hash.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
