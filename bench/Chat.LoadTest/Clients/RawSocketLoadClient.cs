using Chat.LoadTest.Measurement;
using Chat.Protocol;
using MessagePack;

namespace Chat.LoadTest.Clients;

/// <summary>
/// What the raw-socket clients (<see cref="ThinLoadClient"/> on .NET's async sockets,
/// <see cref="EpollLoadClient"/> on a receive loop of its own) share once they are welcomed: each
/// whole frame is looked at in place; a line (TextPosted) is read without allocating
/// (<see cref="TryTakeLine"/>), and anything else, rare here, is decoded by the library and
/// handled as <see cref="LibraryLoadClient"/> handles it (<see cref="OnRare"/>).
/// </summary>
internal abstract class RawSocketLoadClient : LoadClient
{
    private volatile bool _endExpected;

    /// <param name="index">The client's number in the run.</param>
    /// <param name="problems">Where to count what goes wrong.</param>
    protected RawSocketLoadClient(int index, RunProblems problems)
        : base(index)
    {
        Problems = problems;
    }

    /// <summary>The server's welcome; <see langword="null"/> only while an <see cref="EpollLoadClient"/> is joining.</summary>
    public abstract Welcome? Welcome { get; }

    public override bool HearsPresence => false;

    public override int Presence => 0;

    public override int UsersAtJoin => Welcome is { } welcome ? (welcome.UserCount > 0 ? welcome.UserCount : welcome.Users.Count) : 0;

    protected RunProblems Problems { get; }

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
}
