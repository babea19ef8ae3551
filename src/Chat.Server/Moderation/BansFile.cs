namespace Chat.Server;

/// <summary>What <c>bans.json</c> holds.</summary>
internal sealed class BansFile
{
    /// <summary>The bans of names, addresses and networks.</summary>
    public List<Sanction> Bans { get; set; } = [];

    /// <summary>The mutes of names.</summary>
    public List<Sanction> Mutes { get; set; } = [];
}
