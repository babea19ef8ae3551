namespace Chat.Protocol.Internal;

/// <summary>
/// Checks that a decoded message has every required field. MessagePack fills a missing or nil
/// field with null, so a hostile peer could otherwise hand the application null strings.
/// </summary>
internal static class MessageValidator
{
    public static void Validate(ChatMessage message)
    {
        switch (message)
        {
            case Hello m:
                Require(m.UserName, "Hello", "UserName");
                Require(m.ClientName, "Hello", "ClientName");
                Require(m.ClientVersion, "Hello", "ClientVersion");
                break;
            case Welcome m:
                Require(m.UserName, "Welcome", "UserName");
                Require(m.ServerName, "Welcome", "ServerName");
                Require(m.MessageOfTheDay, "Welcome", "MessageOfTheDay");
                RequireAll(m.Users, "Welcome", "Users");
                RequireList(m.Recent, "Welcome", "Recent");
                foreach (var posted in m.Recent)
                {
                    Validate(posted);
                }

                break;
            case Rejected m:
                Require(m.Text, "Rejected", "Text");
                break;
            case SendText m:
                Require(m.Text, "SendText", "Text");
                break;
            case TextPosted m:
                Require(m.Author, "TextPosted", "Author");
                Require(m.Text, "TextPosted", "Text");
                break;
            case UsersJoined m:
                RequireAll(m.UserNames, "UsersJoined", "UserNames");
                break;
            case UsersLeft m:
                RequireList(m.Departures, "UsersLeft", "Departures");
                foreach (var departure in m.Departures)
                {
                    if (departure is null)
                    {
                        throw Missing("UsersLeft", "Departures[]");
                    }

                    Require(departure.UserName, "UsersLeft", "Departures[].UserName");
                    Require(departure.Text, "UsersLeft", "Departures[].Text");
                }

                break;
            case SendPrivate m:
                Require(m.To, "SendPrivate", "To");
                Require(m.Text, "SendPrivate", "Text");
                break;
            case PrivateMessage m:
                Require(m.From, "PrivateMessage", "From");
                Require(m.To, "PrivateMessage", "To");
                Require(m.Text, "PrivateMessage", "Text");
                break;
            case ServerNotice m:
                Require(m.Text, "ServerNotice", "Text");
                break;
            case ErrorMessage m:
                Require(m.Text, "Error", "Text");
                break;
            case Goodbye m:
                Require(m.Text, "Goodbye", "Text");
                break;
            case ServerShutdown m:
                Require(m.Text, "ServerShutdown", "Text");
                break;
            case Ping or Pong:
                break;
        }
    }

    private static void Require(object? value, string message, string field)
    {
        if (value is null)
        {
            throw Missing(message, field);
        }
    }

    private static void RequireList<T>(IReadOnlyList<T>? list, string message, string field)
    {
        if (list is null)
        {
            throw Missing(message, field);
        }
    }

    private static void RequireAll(IReadOnlyList<string>? list, string message, string field)
    {
        RequireList(list, message, field);
        foreach (var item in list!)
        {
            if (item is null)
            {
                throw Missing(message, field + "[]");
            }
        }
    }

    private static ChatProtocolException Missing(string message, string field) =>
        new($"Received a malformed message: {message}.{field} is missing.");
}
