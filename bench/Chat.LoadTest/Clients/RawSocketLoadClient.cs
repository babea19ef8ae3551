using System.Net.Sockets;
using Chat.LoadTest.Measurement;
using Chat.Protocol;
using Chat.Protocol.Wire;
using MessagePack;

namespace Chat.LoadTest.Clients;

/// <summary>
/// What the raw-socket clients (<see cref="ThinLoadClient"/> on .NET's async sockets,
/// <see cref="EpollLoadClient"/> on a receive loop of its own) share once they are welcomed: each
/// whole frame is looked at in place; a line (TextPosted) is read without allocating
/// (<see cref="TryTakeLine"/>), and anything else, rare here, is decoded by the library and
/// handled as <see cref="LibraryLoadClient"/> handles it (<see cref="OnRare"/>). Both send the
/// same way, one frame at a time with the socket's async send, and say goodbye the same way.
/// </summary>
internal abstract class RawSocketLoadClient : LoadClient
{
    private static readonly byte[] s_goodbye = MessageSerializer.ToFrame(new Goodbye());

    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TimeSpan _closeTimeout;
    private volatile bool _endExpected;

    /// <param name="index">The client's number in the run.</param>
    /// <param name="socket">The connected socket; the client owns it.</param>
    /// <param name="closeTimeout">How long a goodbye waits for the server to close its side.</param>
    /// <param name="problems">Where to count what goes wrong.</param>
    protected RawSocketLoadClient(int index, Socket socket, TimeSpan closeTimeout, RunProblems problems)
        : base(index)
    {
        Socket = socket;
        _closeTimeout = closeTimeout;
        Problems = problems;
    }

    /// <summary>The server's welcome; <see langword="null"/> only while an <see cref="EpollLoadClient"/> is joining.</summary>
    public abstract Welcome? Welcome { get; }

    public override bool HearsPresence => false;

    public override int Presence => 0;

    public override int UsersAtJoin => Welcome is { } welcome ? (welcome.UserCount > 0 ? welcome.UserCount : welcome.Users.Count) : 0;

    protected RunProblems Problems { get; }

    /// <summary>The client's socket.</summary>
    protected Socket Socket { get; }

    /// <summary>Whether the end of the connection is no loss: the client is leaving, or the server said it closes.</summary>
    protected bool EndExpected
    {
        get => _endExpected;
        set => _endExpected = value;
    }

    /// <summary>
    /// Handles <paramref name="body"/> when it is a line laid out as the server writes it
    /// (<c>[5, [id, author, text, ...]]</c>), without allocating; false for any other message, or
    /// a line this cannot read, which the library then decodes (and rejects, when it is malformed).
    /// </summary>
    protected bool TryTakeLine(ReadOnlyMemory<byte> body, long receivedAt)
    {
        var head = body.Span;
        if (head.Length < 2 || head[0] != 0x92 || head[1] != MessageIds.TextPosted)
        {
            return false;
        }

        long id;
        ReadOnlySpan<byte> text;
        try
        {
            var reader = new MessagePackReader(body);
            reader.ReadArrayHeader();
            reader.ReadInt32();
            if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() < 4
                || reader.NextMessagePackType != MessagePackType.Integer)
            {
                return false;
            }

            id = reader.ReadInt64();
            reader.Skip(); // the author
            if (reader.NextMessagePackType != MessagePackType.String || !reader.TryReadStringSpan(out text))
            {
                return false;
            }
        }
        catch (Exception ex) when (Chat.Protocol.Wire.MessageSerializer.IsDecodingFailure(ex))
        {
            return false;
        }

        var lines = Lines;
        if (lines is not null && LineText.TryParse(text, lines.Tag, out var sequence))
        {
            OnLine(lines, id, sequence, receivedAt, Problems);
        }

        return true;
    }

    /// <summary>
    /// A message other than a line, decoded by the library: a line the allocation-free path could
    /// not read is measured, presence to this client (which declined it) is a problem, a server
    /// error is counted; a ping is handed back in <paramref name="ping"/> for the caller to answer.
    /// Returns false when the session is over (the server is shutting down).
    /// </summary>
    protected bool OnRare(ChatMessage? message, long receivedAt, out Ping? ping)
    {
        ping = null;
        switch (message)
        {
            case TextPosted posted:
                if (Lines is { } lines && LineText.TryParse(posted.Text, lines.Tag, out var sequence))
                {
                    OnLine(lines, posted.Id, sequence, receivedAt, Problems);
                }

                break;
            case Ping p:
                ping = p;
                break;
            case UsersJoined or UsersLeft:
                Problems.PresenceUnwanted();
                break;
            case ErrorMessage error:
                _endExpected |= error.Fatal; // the server closes the connection next
                Problems.ServerError(error.Text);
                break;
            case ServerShutdown:
                _endExpected = true;
                return false;
        }

        return true;
    }
    /// <summary>Sends one SendText frame for <paramref name="text"/>, encoded by the library.</summary>
    /// <exception cref="ChatConnectionLostException">The socket failed.</exception>
    public override ValueTask SendAsync(string text, CancellationToken cancellationToken) =>
        SendFrameAsync(MessageSerializer.ToFrame(new SendText(text)), cancellationToken);

    /// <summary>Sends one whole frame; one sender at a time.</summary>
    /// <exception cref="ChatConnectionLostException">The socket failed.</exception>
    protected async ValueTask SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!frame.IsEmpty)
            {
                var sent = await Socket.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                frame = frame[sent..];
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw new ChatConnectionLostException($"Sending failed: {ex.Message}", ex);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// Says goodbye, closes the sending side and waits, up to the close timeout, for the reading to
    /// end (the server closing its side); a client already gone, or slow to close, is closed anyway.
    /// </summary>
    protected async Task SayGoodbyeAsync()
    {
        using var timeout = new CancellationTokenSource(_closeTimeout);
        try
        {
            await SendFrameAsync(s_goodbye, timeout.Token).ConfigureAwait(false);
            Socket.Shutdown(SocketShutdown.Send);
            await Reading.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ChatException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Gone already, or slow to close: close anyway.
        }
    }
}
