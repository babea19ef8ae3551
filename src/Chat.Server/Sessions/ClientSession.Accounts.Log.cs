using Microsoft.Extensions.Logging;

namespace Chat.Server;

/// <summary>The log of the session's accounts: registrations, and a registration the file could not keep.</summary>
internal sealed partial class ClientSession
{
    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "{Client} {What}")]
    private static partial void LogRegistered(ILogger logger, string client, string what);

    [LoggerMessage(EventId = 121, Level = LogLevel.Error, Message = "{Client} asked to register its name, and the accounts file {Path} could not be written")]
    private static partial void LogRegistrationFailed(ILogger logger, string client, string path, Exception exception);
}
