using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.LoadTest.Clients;

/// <summary>
/// What a raw-socket client (<see cref="ThinLoadClient"/>, <see cref="EpollLoadClient"/>) says and
/// reads to join, as <see cref="ChatClient"/> does with presence declined: the hello, each frame up
/// to the welcome (a ping on the way is answered, a refusal throws what it means), and the version
/// check. The socket work is each client's own: these only look at bytes.
/// </summary>
internal static class ThinHandshake
{
    /// <summary>The hello frame for <paramref name="userName"/>, with presence declined (<see cref="Hello.OmitPresence"/>).</summary>
    public static byte[] HelloFrame(string userName, ChatClientOptions options) =>
        MessageSerializer.ToFrame(new Hello(ProtocolInfo.Version, UserNameRules.Normalize(userName), options.ClientName, options.ClientVersion)
        {
            OmitPresence = true,
            Password = options.Password,
            NamePassword = options.NamePassword,
        });

    /// <summary>
    /// Takes frames from <paramref name="buffer"/> until the welcome or a ping (<paramref name="reply"/>,
    /// for the caller to answer with a pong); false when every whole frame was taken and neither came.
    /// Bytes after the welcome stay in the buffer.
    /// </summary>
    /// <exception cref="ChatException">The server refused the client or broke the protocol.</exception>
    public static bool TryTakeReply(ReceiveBuffer buffer, int maxFrameLength, out ChatMessage? reply)
    {
        while (buffer.TryTakeFrame(maxFrameLength, out var body))
        {
            switch (MessageSerializer.Decode(body))
            {
                case Welcome welcome:
                    CheckVersion(welcome);
                    reply = welcome;
                    return true;
                case Ping ping:
                    reply = ping;
                    return true;
                case Rejected rejected:
                    throw new ChatRejectedException(rejected.Reason, rejected.Text, rejected.Until);
                case ErrorMessage { Code: ErrorCode.Banned } banned:
                    throw new ChatRejectedException(RejectReason.Banned, banned.Text, banned.Until);
                case ErrorMessage error:
                    throw new ChatException($"The server refused the connection: {error.Text}");
                case ServerShutdown shutdown:
                    throw new ChatException($"The server is shutting down: {shutdown.Text}");
                case null:
                    break; // a message type this library does not know: skipped, as the library does
                case var other:
                    throw new ChatProtocolException($"The server sent {other.GetType().Name} before its welcome, which breaks the protocol.");
            }
        }

        reply = null;
        return false;
    }

    /// <summary>The pong that answers <paramref name="ping"/>.</summary>
    public static byte[] PongFrame(Ping ping) => MessageSerializer.ToFrame(new Pong(ping.Token));

    private static void CheckVersion(Welcome welcome)
    {
        if (welcome.ProtocolVersion is < ProtocolInfo.LowestVersion or > ProtocolInfo.Version)
        {
            throw new ChatProtocolException(
                $"The server answered in protocol version {welcome.ProtocolVersion}, but this client speaks version {ProtocolInfo.Version}.");
        }
    }
}
