namespace Chat.Client.Tui.ViewModels;

/// <summary>Why a session's stream of messages ended.</summary>
/// <param name="Lost">The connection was lost (reconnect by itself) rather than closed on purpose by the server.</param>
/// <param name="Reason">What happened, in words.</param>
internal sealed record SessionEnd(bool Lost, string Reason);
