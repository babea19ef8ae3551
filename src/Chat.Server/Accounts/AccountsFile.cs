using System.Text.Json.Serialization;

namespace Chat.Server;

/// <summary>What <c>accounts.json</c> holds: the registered names.</summary>
internal sealed class AccountsFile
{
    /// <summary>The registered names, each with its password's hash.</summary>
    public List<RegisteredName> Accounts { get; set; } = [];
}

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

/// <summary>The JSON of the data folder's files, generated at build time.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(AccountsFile))]
[JsonSerializable(typeof(BansFile))]
internal sealed partial class DataFileJson : JsonSerializerContext;
