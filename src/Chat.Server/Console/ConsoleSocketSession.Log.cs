using Microsoft.Extensions.Logging;

namespace Chat.Server;

internal sealed partial class ConsoleSocketSession
{
    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "{Actor} attached to the console")]
    private static partial void LogAttached(ILogger logger, string actor);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "{Actor} left the console")]
    private static partial void LogDetached(ILogger logger, string actor);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Refused a console client of uid {Uid} (pid {Pid}): only uid {OwnerUid}, the server's user (and root), may use the console")]
    private static partial void LogRefused(ILogger logger, uint uid, int pid, uint ownerUid);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "A console command of {Actor} failed inside the server")]
    private static partial void LogCommandFailed(ILogger logger, string actor, Exception exception);

    [LoggerMessage(EventId = 208, Level = LogLevel.Error, Message = "A console client's session failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
