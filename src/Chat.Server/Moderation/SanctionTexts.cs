namespace Chat.Server;

/// <summary>What users are told of a ban or a mute: one sentence each, saying why and until when.</summary>
internal static class SanctionTexts
{
    /// <summary>A name ban, in the handshake's rejection.</summary>
    public static string NameBanned(string name, Sanction ban) =>
        $"The name {name} is banned from this server {ban.UntilText()}{ban.ReasonText()}";

    /// <summary>An address ban, at connect or in the handshake's rejection.</summary>
    public static string AddressBanned(Sanction ban) =>
        $"Your address is banned from this server {ban.UntilText()}{ban.ReasonText()}";

    /// <summary>A ban that disconnects a user online.</summary>
    public static string BannedNow(Sanction ban) =>
        $"You were banned from this server {ban.UntilText()}{ban.ReasonText()}";

    /// <summary>A mute, told once to the user when it is decided.</summary>
    public static string MutedNow(Sanction mute) =>
        $"You were muted {mute.UntilText()}{mute.ReasonText()} Your lines and private messages are not sent meanwhile.";

    /// <summary>A line or private message refused while muted.</summary>
    public static string Muted(Sanction mute) =>
        $"You are muted {mute.UntilText()}; your message was not sent.";
}
