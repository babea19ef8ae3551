using System.Globalization;

namespace Chat.Server;

/// <summary>
/// A ban or a mute as the server keeps it (in <c>bans.json</c>): whom, who decided it and when,
/// until when, and why.
/// </summary>
/// <param name="Target">Whom: a user name, or (for a ban) an address or network (<see cref="BanTarget.Text"/>).</param>
/// <param name="By">Who decided it, as the operator console names the actor ("console", "alice (operator)").</param>
/// <param name="Created">When (UTC).</param>
/// <param name="Until">When it ends (UTC); <see langword="null"/> for no end.</param>
/// <param name="Reason">Why; may be empty.</param>
internal sealed record Sanction(string Target, string By, DateTime Created, DateTime? Until, string Reason)
{
    /// <summary>Whether it has ended by <paramref name="now"/>.</summary>
    /// <param name="now">The time now (UTC).</param>
    /// <returns><see langword="true"/> once its end has come.</returns>
    public bool HasEnded(DateTime now) => Until is { } until && until <= now;

    /// <summary>"until 2026-12-03 10:00 UTC" or "indefinitely".</summary>
    /// <returns>The end in words.</returns>
    public string UntilText() => Until is { } until
        ? string.Create(CultureInfo.InvariantCulture, $"until {until:yyyy-MM-dd HH:mm} UTC")
        : "indefinitely";

    /// <summary>The end of a sentence: ": spam." with the reason, "." without.</summary>
    /// <returns>The reason in words, with the full stop.</returns>
    public string ReasonText() => Reason.Length == 0 ? "." : Reason[^1] is '.' or '!' or '?' ? $": {Reason}" : $": {Reason}.";
}
