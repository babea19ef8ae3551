using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Chat.Server;

internal sealed partial class ConsoleSocketListener
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Operator console on {Path} (Chat.Server console attaches to it; only this user may)")]
    private static partial void LogListening(ILogger logger, string path);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Replaced the console socket {Path} left by a server that stopped")]
    private static partial void LogStaleReplaced(ILogger logger, string path);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Accepting a console client failed ({SocketError}); trying again shortly")]
    private static partial void LogAcceptFailed(ILogger logger, SocketError socketError);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Could not remove the console socket {Path}: {Reason}")]
    private static partial void LogRemoveFailed(ILogger logger, string path, string reason);
}
