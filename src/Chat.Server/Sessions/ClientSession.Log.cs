using Chat.Protocol;
using Microsoft.Extensions.Logging;

namespace Chat.Server;

internal sealed partial class ClientSession
{
    private void LogJoined(Hello hello)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var client = Describe();
            var software = LogText.Clean(hello.ClientName, 40);
            var version = LogText.Clean(hello.ClientVersion, 20);
            LogJoined(_logger, client, software, version);
        }
    }

    private void LogRejected(Hello hello, RejectReason reason, string text)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var client = Describe();
            var name = LogText.Clean(hello.UserName, 40);
            var why = LogText.Clean(text, 200);
            LogRejected(_logger, client, name, reason, why);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Client} joined using {ClientName} {ClientVersion}")]
    private static partial void LogJoined(ILogger logger, string client, string clientName, string clientVersion);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{Client} asked for the name \"{UserName}\" and was refused ({Reason}): {Text}")]
    private static partial void LogRejected(ILogger logger, string client, string userName, RejectReason reason, string text);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "{Client} left ({Cause}) {Text}")]
    private static partial void LogLeft(ILogger logger, string client, DisconnectCause cause, string text);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "{Client} closed before saying hello")]
    private static partial void LogLeftBeforeHello(ILogger logger, string client);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "{Client} closed ({Cause})")]
    private static partial void LogClosed(ILogger logger, string client, DisconnectCause cause);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "{Client} broke the protocol and was disconnected: {Detail}")]
    private static partial void LogViolation(ILogger logger, string client, string detail);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "{Client} was disconnected ({Cause}): {Text}")]
    private static partial void LogDropped(ILogger logger, string client, DisconnectCause cause, string text);

    [LoggerMessage(EventId = 107, Level = LogLevel.Error, Message = "{Client} was disconnected after a server error")]
    private static partial void LogFailed(ILogger logger, string client, Exception? exception);

    [LoggerMessage(EventId = 108, Level = LogLevel.Error, Message = "Closing {Client} failed")]
    private static partial void LogCloseFailed(ILogger logger, string client, Exception exception);
}
