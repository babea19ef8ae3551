using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>Words for what went wrong, for the login dialog and the status line.</summary>
public static class ProblemText
{
    /// <summary>Describes a failure to connect or join.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>One or two sentences without a stack trace.</returns>
    public static string Describe(Exception exception) => exception switch
    {
        ChatRejectedException rejected => Describe(rejected),
        ChatException chat => TextSanitizer.Sanitize(chat.Message),
        OperationCanceledException => "Cancelled.",
        IOException io => TextSanitizer.Sanitize(io.Message),
        _ => "Unexpected error: " + TextSanitizer.Sanitize(exception.Message),
    };

    /// <summary>Describes why the server refused to let the user in.</summary>
    /// <param name="rejected">The refusal.</param>
    /// <returns>The reason in words, with the server's own text when it gave one.</returns>
    public static string Describe(ChatRejectedException rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        if (rejected.IsBanned)
        {
            // The exception says why and until when, in words (the server's sentence: "Your address is banned from this server until ...: spam.").
            return TextSanitizer.Sanitize(rejected.Message);
        }

        var reason = rejected.Reason switch
        {
            RejectReason.NameTaken => "That name is taken; choose another.",
            RejectReason.NameReserved => "That name is reserved; choose another.",
            RejectReason.NameInvalid => "The server does not accept that name.",
            RejectReason.ServerFull => "The server is full; try again later.",
            RejectReason.VersionUnsupported => "The server does not support this client's protocol version.",
            RejectReason.BadPassword => "The server needs a password, and none or a wrong one was given.",
            RejectReason.NameRegistered => "That name is registered: it can be used only with its password.",
            _ => "The server refused to let you in.",
        };
        var text = TextSanitizer.Sanitize(rejected.ServerText).Trim();
        return text.Length == 0 || text == reason ? reason : $"{reason} ({text})";
    }
}
