using System.Text;
using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server (version 2): take another user name. The server answers with a <see cref="UserRenamed"/>, or with an <see cref="ErrorMessage"/> (<see cref="ErrorCode.NameTaken"/>, <see cref="ErrorCode.NameInvalid"/>, <see cref="ErrorCode.NameRegistered"/>).
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

    /// <summary>
    /// Optional, <c>""</c> when omitted: the password of the name wanted, when that name is registered
    /// (as <see cref="Hello.NamePassword"/>); without it the server refuses with <see cref="ErrorCode.NameRegistered"/>.
    /// <see cref="object.ToString"/> never shows it.
    /// </summary>
    [Key(1)]
    public string NamePassword { get; init; } = string.Empty;

    /// <summary>Prints the fields for <see cref="object.ToString"/>, the password only as whether there is one.</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>Always <see langword="true"/>: there were members to print.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("UserName = ").Append(UserName)
            .Append(", NamePassword = ").Append(string.IsNullOrEmpty(NamePassword) ? "(none)" : "(given)");
        return true;
    }
}
