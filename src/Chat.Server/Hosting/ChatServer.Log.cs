using System.Net;
using Microsoft.Extensions.Logging;

namespace Chat.Server;

internal sealed partial class ChatServer
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Listening on {EndPoint} for up to {MaxClients} users")]
    private static partial void LogListening(ILogger logger, IPEndPoint endPoint, int maxClients);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "History is kept in {Path} (back it up with the console's backup command; --history memory turns it off)")]
    private static partial void LogHistoryInFile(ILogger logger, string path);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "History is kept in memory: the last {Lines} lines of each room, gone when the server stops")]
    private static partial void LogHistoryInMemory(ILogger logger, int lines);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Accepting a connection failed ({SocketError}); trying again shortly")]
    private static partial void LogAcceptFailed(ILogger logger, System.Net.Sockets.SocketError socketError, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Shutting down ({Reason}); closing {Connections} connections")]
    private static partial void LogStopping(ILogger logger, string reason, int connections);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "{Count} connections did not close within {Seconds} s and were cut off")]
    private static partial void LogShutdownTimedOut(ILogger logger, int count, double seconds);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "{Count} sessions did not finish after their connections were cut off")]
    private static partial void LogSessionsAbandoned(ILogger logger, int count);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Stopped")]
    private static partial void LogStopped(ILogger logger);
}
