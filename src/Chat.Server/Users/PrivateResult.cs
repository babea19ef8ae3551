namespace Chat.Server;

/// <summary>What became of a private message.</summary>
internal enum PrivateResult
{
    /// <summary>Delivered to the recipient and echoed to the sender.</summary>
    Delivered,

    /// <summary>Nobody of that name is on the server.</summary>
    UnknownUser,
}
