using Microsoft.Extensions.Logging;

namespace Chat.Server;

internal sealed partial class ChatServer
{
    [LoggerMessage(EventId = 170, Level = LogLevel.Information, Message = "Metrics at {Url} (Prometheus text format, no authentication)")]
    private static partial void LogMetricsServed(ILogger logger, string url);
}
