using Microsoft.Extensions.Logging;

namespace Chat.Server;

internal sealed partial class SystemdNotifier
{
    [LoggerMessage(EventId = 180, Level = LogLevel.Warning, Message = "Could not tell the service manager {State} through {Socket} ({Error}); the server carries on")]
    private static partial void LogNotifyFailed(ILogger logger, string state, string socket, string error);

    [LoggerMessage(EventId = 181, Level = LogLevel.Warning, Message = "NOTIFY_SOCKET {Socket} is not a usable socket name ({Reason}); the service manager will not be told the server is ready")]
    private static partial void LogBadSocket(ILogger logger, string socket, string reason);
}
