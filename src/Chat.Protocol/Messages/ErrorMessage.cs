using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client: something the client sent was refused, or the client is being
/// disconnected. After a fatal error the server closes the connection.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record ErrorMessage : ChatMessage
{
    /// <summary>Creates a <see cref="ErrorMessage"/> from its required fields.</summary>
    /// <param name="code">What went wrong, as a code a program can act on.</param>
    /// <param name="text">What went wrong, in words a person understands.</param>
    [SerializationConstructor]
    public ErrorMessage(ErrorCode code, string text)
    {
        Code = code;
        Text = text;
    }

    /// <summary>What went wrong, as a code a program can act on.</summary>
    [Key(0)]
    public ErrorCode Code { get; init; }

    /// <summary>What went wrong, in words a person understands.</summary>
    [Key(1)]
    public string Text { get; init; }

    /// <summary>Optional, <see langword="false"/> when omitted: <see langword="true"/> when the server closes the connection after this message.</summary>
    [Key(2)]
    public bool Fatal { get; init; }

    /// <summary>Optional (version 2), empty when omitted: the room the refused request was about, if any.</summary>
    [Key(3)]
    public string Room { get; init; } = string.Empty;

    /// <summary>Optional (version 2), 0 when omitted: the <see cref="HistoryRequest.RequestId"/> , <see cref="SearchRequest.RequestId"/>, <see cref="RegisterName.RequestId"/> or <see cref="OperatorRequest.RequestId"/> of the request refused.</summary>
    [Key(4)]
    public int RequestId { get; init; }

    /// <summary>
    /// Optional (version 2), <see langword="null"/> (nil) when omitted: for <see cref="ErrorCode.Banned"/> and
    /// <see cref="ErrorCode.Muted"/>, when the ban or the mute ends (UTC); <see langword="null"/> for one without an end.
    /// </summary>
    [Key(5)]
    public DateTime? Until { get; init; }
}
