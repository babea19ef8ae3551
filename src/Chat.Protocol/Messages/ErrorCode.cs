namespace Chat.Protocol;

/// <summary>What an <see cref="ErrorMessage"/> is about.</summary>
public enum ErrorCode
{
    /// <summary>The peer sent bytes that are not this protocol, or a message out of turn. Fatal.</summary>
    ProtocolViolation = 1,

    /// <summary>A frame was larger than the receiver accepts. Fatal.</summary>
    FrameTooLarge = 2,

    /// <summary>The text was longer than <see cref="Welcome.MaxTextLength"/>; it was not posted.</summary>
    TextTooLong = 3,

    /// <summary>The client sent faster than the server allows; the message was not posted. Fatal when it goes on.</summary>
    RateLimited = 4,

    /// <summary>A private message named a user who is not in the room.</summary>
    UnknownUser = 5,

    /// <summary>The text was empty or held control characters; it was not posted.</summary>
    InvalidText = 6,

    /// <summary>The client did not complete the handshake in time. Fatal.</summary>
    HandshakeTimeout = 7,

    /// <summary>The client stopped answering pings. Fatal.</summary>
    IdleTimeout = 8,

    /// <summary>The client did not read what the server sent and fell too far behind. Fatal.</summary>
    SlowConsumer = 9,

    /// <summary>The operator removed the client from the room. Fatal.</summary>
    Kicked = 10,

    /// <summary>The server failed while handling the client. Fatal.</summary>
    InternalError = 11,

    /// <summary>
    /// The server, or the client's address, has as many connections as it allows (or connections
    /// not yet past the handshake, or new connections this interval); the text says which and when
    /// to try again. Fatal: sent instead of the handshake's answer, then the server closes.
    /// </summary>
    ServerBusy = 12,

    /// <summary>
    /// The server accepts only TLS connections and this one began in plaintext. Sent in plaintext,
    /// as an ordinary frame, just before the server closes the connection. Fatal.
    /// </summary>
    TlsRequired = 13,

    /// <summary>Version 2: the request named a room that does not exist (<see cref="ErrorMessage.Room"/> says which).</summary>
    NoSuchRoom = 14,

    /// <summary>Version 2: the request needs the client to be a member of the room, and it is not.</summary>
    NotInRoom = 15,

    /// <summary>Version 2: the room has as many members as the server allows.</summary>
    RoomFull = 16,

    /// <summary>Version 2: the room name breaks <see cref="RoomNameRules"/>.</summary>
    InvalidRoomName = 17,

    /// <summary>Version 2: the server does not let users do that (for example, only the operator creates rooms).</summary>
    NotAllowed = 18,

    /// <summary>Version 2: the client is in as many rooms as the server allows, or the server has as many rooms as it allows.</summary>
    TooManyRooms = 19,

    /// <summary>Version 2: the name asked for in a <see cref="ChangeName"/> belongs to another user (names compare without regard to case).</summary>
    NameTaken = 20,

    /// <summary>Version 2: the name asked for in a <see cref="ChangeName"/> breaks <see cref="UserNameRules"/> or is reserved.</summary>
    NameInvalid = 21,

    /// <summary>
    /// Version 2: the client's address is banned; <see cref="ErrorMessage.Text"/> says why and
    /// <see cref="ErrorMessage.Until"/> until when. Fatal: sent instead of the handshake's answer, then the server closes.
    /// </summary>
    Banned = 22,

    /// <summary>Version 2: an operator muted the client, so its line was not posted; <see cref="ErrorMessage.Until"/> says until when.</summary>
    Muted = 23,

    /// <summary>Version 2: the name asked for in a <see cref="ChangeName"/> is registered and <see cref="ChangeName.NamePassword"/> was missing or wrong.</summary>
    NameRegistered = 24,

    /// <summary>Version 2: the password in a <see cref="RegisterName"/> is too short, too long, or holds control characters.</summary>
    PasswordRejected = 25,
}
