using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server (version 2): take another user name. The server answers with a <see cref="UserRenamed"/>, or with an <see cref="ErrorMessage"/> (<see cref="ErrorCode.NameTaken"/>, <see cref="ErrorCode.NameInvalid"/>).
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5.
/// </remarks>
[MessagePackObject]
public sealed record ChangeName : ChatMessage
{
    /// <summary>Creates a <see cref="ChangeName"/> from its required fields.</summary>
    /// <param name="userName">The name wanted; it follows <see cref="UserNameRules"/>.</param>
    [SerializationConstructor]
    public ChangeName(string userName)
    {
        UserName = userName;
    }

    /// <summary>The name wanted; it follows <see cref="UserNameRules"/>.</summary>
    [Key(0)]
    public string UserName { get; init; }
}
