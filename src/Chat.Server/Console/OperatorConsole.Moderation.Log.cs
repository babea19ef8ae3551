using Microsoft.Extensions.Logging;

namespace Chat.Server;

/// <summary>The console's log of moderation: one event for each ban, mute and registration an operator changes, with who did it.</summary>
internal sealed partial class OperatorConsole
{
    [LoggerMessage(EventId = 230, Level = LogLevel.Information, Message = "{Actor} banned {Target} {Until}: {Reason}")]
    private static partial void LogBan(ILogger logger, string actor, string target, string until, string reason);

    [LoggerMessage(EventId = 231, Level = LogLevel.Information, Message = "{Actor} lifted the ban of {Target}")]
    private static partial void LogUnban(ILogger logger, string actor, string target);

    [LoggerMessage(EventId = 232, Level = LogLevel.Information, Message = "{Actor} muted {Target} {Until}: {Reason}")]
    private static partial void LogMute(ILogger logger, string actor, string target, string until, string reason);

    [LoggerMessage(EventId = 233, Level = LogLevel.Information, Message = "{Actor} lifted the mute of {Target}")]
    private static partial void LogUnmute(ILogger logger, string actor, string target);

    [LoggerMessage(EventId = 234, Level = LogLevel.Information, Message = "{Actor} unregistered the name {Name}")]
    private static partial void LogUnregister(ILogger logger, string actor, string name);
}
