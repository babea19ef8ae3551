using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Server → client (version 2): the answer to a <see cref="RegisterName"/>: the name is registered
/// (or its password changed), and from now on it can be used only with that password.
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record NameRegistered : ChatMessage
{
    /// <summary>Creates a <see cref="NameRegistered"/> from its required fields.</summary>
    /// <param name="requestId">The <see cref="RegisterName.RequestId"/> this answers.</param>
    /// <param name="userName">The name registered, as the server shows it.</param>
    [SerializationConstructor]
    public NameRegistered(int requestId, string userName)
    {
        RequestId = requestId;
        UserName = userName;
    }

    /// <summary>The <see cref="RegisterName.RequestId"/> this answers.</summary>
    [Key(0)]
    public int RequestId { get; init; }

    /// <summary>The name registered, as the server shows it.</summary>
    [Key(1)]
    public string UserName { get; init; }
}
