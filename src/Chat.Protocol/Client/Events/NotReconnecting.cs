namespace Chat.Protocol;

/// <summary>
/// Made by the <see cref="ChatClient"/>, never sent on the wire: a client told to reconnect
/// (<see cref="ChatClientOptions.Reconnect"/>) stops for good and will not try again, because an
/// operator kicked it (<see cref="ErrorCode.Kicked"/>), it was banned (<see cref="ErrorCode.Banned"/>,
/// <see cref="RejectReason.Banned"/>), or the server refused it in a way that trying again cannot
/// change (a password, the name, a registered name without its password, the protocol version, TLS).
/// It is the last message of the stream; the stream then ends, or throws the refusal
/// (a <see cref="ChatRejectedException"/>, ...) when a reconnect attempt was refused.
/// </summary>
/// <param name="Reason">Why, in words a person understands: who removed it, or what the server said, and for a ban until when.</param>
public sealed record NotReconnecting(string Reason) : ChatMessage, IClientMadeMessage;
