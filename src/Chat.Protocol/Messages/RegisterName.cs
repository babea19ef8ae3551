using System.Text;
using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server (version 2, when <see cref="Welcome.Registration"/> is <see langword="true"/>):
/// register the name this client holds, so that from now on it can be used only with
/// <see cref="Password"/> (<see cref="Hello.NamePassword"/>). Sent by a client that holds a registered
/// name already (it gave the password in its <see cref="Hello"/>), it changes the password. The server
/// answers with a <see cref="NameRegistered"/> carrying the same <see cref="RequestId"/>, or refuses
/// with an <see cref="ErrorMessage"/> that carries it (<see cref="ErrorCode.PasswordRejected"/>,
/// <see cref="ErrorCode.NotAllowed"/>).
/// </summary>
/// <remarks>
/// The constructor takes the required fields; optional fields are init properties (see
/// <see cref="ChatMessage"/>). Wire layout: docs/protocol.md, section 5. The password is sent as it
/// is: it stays secret only over TLS. <see cref="object.ToString"/> never shows it.
/// </remarks>
[MessagePackObject]
public sealed record RegisterName : ChatMessage
{
    /// <summary>Creates a <see cref="RegisterName"/> from its required fields.</summary>
    /// <param name="requestId">Chosen by the client; the answer or the refusal carries it back.</param>
    /// <param name="password">The name's password from now on.</param>
    [SerializationConstructor]
    public RegisterName(int requestId, string password)
    {
        RequestId = requestId;
        Password = password;
    }

    /// <summary>Chosen by the client; the answer or the refusal carries it back.</summary>
    [Key(0)]
    public int RequestId { get; init; }

    /// <summary>The name's password from now on.</summary>
    [Key(1)]
    public string Password { get; init; }

    /// <summary>Prints the fields for <see cref="object.ToString"/>, the password only as whether there is one.</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>Always <see langword="true"/>: there were members to print.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RequestId = ").Append(RequestId)
            .Append(", Password = ").Append(string.IsNullOrEmpty(Password) ? "(none)" : "(given)");
        return true;
    }
}
