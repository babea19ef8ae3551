namespace Chat.Protocol;

/// <summary>Why the server refused a <see cref="Hello"/>.</summary>
public enum RejectReason
{
    /// <summary>Another user in the room has that name (names are compared without regard to case).</summary>
    NameTaken = 1,

    /// <summary>The name is reserved, such as "Server".</summary>
    NameReserved = 2,

    /// <summary>The name breaks the rules in <see cref="UserNameRules"/>.</summary>
    NameInvalid = 3,

    /// <summary>The room has as many users as the server allows.</summary>
    ServerFull = 4,

    /// <summary>The server does not speak the client's protocol version.</summary>
    VersionUnsupported = 5,

    /// <summary>
    /// The server asks for a password (<see cref="Hello.Password"/>) and none or a wrong one was
    /// given. The server answers only after a delay, so that passwords cannot be guessed quickly.
    /// </summary>
    BadPassword = 6,

    /// <summary>
    /// Version 2: the name is registered (or is an operator account) and <see cref="Hello.NamePassword"/>
    /// was missing or wrong. Answered only after a delay, as <see cref="BadPassword"/> is.
    /// </summary>
    NameRegistered = 7,

    /// <summary>
    /// Version 2: the name or the address is banned; <see cref="Rejected.Text"/> says why and
    /// <see cref="Rejected.Until"/> until when.
    /// </summary>
    Banned = 8,
}
