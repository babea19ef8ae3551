using Microsoft.Extensions.Logging;

namespace Chat.Server;

/// <summary>The console's log: one event for each thing an operator does, with who did it.</summary>
internal sealed partial class OperatorConsole
{
    [LoggerMessage(EventId = 190, Level = LogLevel.Information, Message = "{Actor} closed the server: {Reason}")]
    private static partial void LogClose(ILogger logger, string actor, string reason);

    [LoggerMessage(EventId = 191, Level = LogLevel.Information, Message = "{Actor} kicked {UserName}: {Reason}")]
    private static partial void LogKick(ILogger logger, string actor, string userName, string reason);

    [LoggerMessage(EventId = 192, Level = LogLevel.Information, Message = "{Actor} sent a notice to {Audience} ({Count} recipients): {Text}")]
    private static partial void LogSay(ILogger logger, string actor, string audience, int count, string text);

    [LoggerMessage(EventId = 193, Level = LogLevel.Information, Message = "{Actor} set the topic of {Room}: {Topic}")]
    private static partial void LogTopic(ILogger logger, string actor, string room, string topic);

    [LoggerMessage(EventId = 194, Level = LogLevel.Information, Message = "{Actor} backed up the history to {Path} ({Bytes} bytes)")]
    private static partial void LogBackup(ILogger logger, string actor, string path, long bytes);
}
