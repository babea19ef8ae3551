using Microsoft.Extensions.Logging;

namespace Chat.Server;

internal sealed partial class SqliteRoomLogStore
{
    [LoggerMessage(EventId = 150, Level = LogLevel.Information, Message = "Retention removed {Count} old lines from the history")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(EventId = 151, Level = LogLevel.Warning, Message = "Removing old lines from the history failed; trying again at the next pass")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 152, Level = LogLevel.Warning, Message = "Adding lines to the history's search index failed; trying again later (search still finds them)")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 153, Level = LogLevel.Warning, Message = "A room's new topic could not be stored in the history; it holds until the server stops")]
    private static partial void LogTopicFailed(ILogger logger, Exception exception);
}
