using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

internal sealed partial class ClientSession
{
    /// <summary>Reads the client's messages until the session ends.</summary>
    /// <returns>A task that completes when the client left or the session's end was decided.</returns>
    private async Task ReceiveLoopAsync()
    {
        while (true)
        {
            var message = await _connection.ReceiveAsync(_stopping.Token);
            if (message is null)
            {
                Disconnect(SessionEnd.Quit(string.Empty));
                return;
            }

            Heard();
            if (!Handle(message))
            {
                return;
            }
        }
    }

    /// <summary>Acts on one message from a client in the room.</summary>
    /// <returns>Whether to go on reading.</returns>
    private bool Handle(ChatMessage message)
    {
        switch (message)
        {
            case SendText text:
                if (Admit())
                {
                    PostText(text);
                }

                return End is null;
            case SendPrivate send:
                if (Admit())
                {
                    SendPrivateText(send);
                }

                return End is null;
            case Ping ping:
                if (Admit())
                {
                    Deliver(EncodedMessage.Encode(new Pong(ping.Token)));
                }

                return End is null;
            case Pong:
                return true; // Hearing from the client is all a pong is for.
            case Goodbye goodbye:
                // The goodbye text is shown to everyone: it follows the rules of any other line.
                var parting = TextRules.Check(goodbye.Text, _options.MaxTextLength) == TextProblem.None ? goodbye.Text : string.Empty;
                Disconnect(SessionEnd.Quit(parting));
                return false;
            case Hello:
                throw new ChatProtocolException("Hello may only be sent once, as the first message.");
            default:
                throw new ChatProtocolException($"A client may not send {message.GetType().Name}; only the server does.");
        }
    }

    /// <summary>Applies the rate limit to one message.</summary>
    /// <returns>Whether the message may be acted on.</returns>
    private bool Admit()
    {
        switch (_rate.Take())
        {
            case RateDecision.Allowed:
                return true;
            case RateDecision.Refused:
                Reply(
                    ErrorCode.RateLimited,
                    $"You are sending too fast (at most {_options.MessageRate:0.##} messages a second after a burst of {_options.MessageBurst}); this message was not posted.");
                return false;
            default:
                Disconnect(SessionEnd.ExcessFlood());
                return false;
        }
    }

    private void PostText(SendText message)
    {
        if (!CheckText(message.Text))
        {
            return;
        }

        if (_room.Post(this, message.Text, KnownKind(message.Kind)) is not null)
        {
            _metrics.LinePosted();
        }
    }

    private void SendPrivateText(SendPrivate message)
    {
        if (!CheckText(message.Text))
        {
            return;
        }

        if (_room.SendPrivate(this, message.To, message.Text, KnownKind(message.Kind)) == PrivateResult.UnknownUser)
        {
            var to = LogText.Clean(UserNameRules.Normalize(message.To), UserNameRules.MaxLength);
            Reply(ErrorCode.UnknownUser, $"There is nobody called \"{to}\" in the room; the message was not sent.");
        }
    }

    /// <summary>
    /// A kind of line this server knows: one from a newer client is relayed as
    /// <see cref="TextKind.Plain"/>, the general case (docs/protocol.md, unknown enum values).
    /// </summary>
    private static TextKind KnownKind(TextKind kind) => Enum.IsDefined(kind) ? kind : TextKind.Plain;

    private bool CheckText(string text)
    {
        var problem = TextRules.Check(text, _options.MaxTextLength);
        if (problem == TextProblem.None)
        {
            return true;
        }

        var code = problem == TextProblem.TooLong ? ErrorCode.TextTooLong : ErrorCode.InvalidText;
        Reply(code, TextRules.Describe(problem, _options.MaxTextLength));
        return false;
    }

    /// <summary>Tells this client that something it sent was refused; the session goes on.</summary>
    private void Reply(ErrorCode code, string text) =>
        Deliver(EncodedMessage.Encode(new ErrorMessage(code, text) { Fatal = false }));
}
