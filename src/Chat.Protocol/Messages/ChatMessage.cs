using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// The base of every message on the wire. A message is encoded as a MessagePack union,
/// <c>[id, [field0, field1, ...]]</c>, with the id taken from <see cref="MessageIds"/>.
/// </summary>
/// <remarks>The set of messages is closed: only this library defines them.</remarks>
[Union(MessageIds.Hello, typeof(Hello))]
[Union(MessageIds.Welcome, typeof(Welcome))]
[Union(MessageIds.Rejected, typeof(Rejected))]
[Union(MessageIds.SendText, typeof(SendText))]
[Union(MessageIds.TextPosted, typeof(TextPosted))]
[Union(MessageIds.UsersJoined, typeof(UsersJoined))]
[Union(MessageIds.UsersLeft, typeof(UsersLeft))]
[Union(MessageIds.SendPrivate, typeof(SendPrivate))]
[Union(MessageIds.PrivateMessage, typeof(PrivateMessage))]
[Union(MessageIds.ServerNotice, typeof(ServerNotice))]
[Union(MessageIds.Error, typeof(ErrorMessage))]
[Union(MessageIds.Ping, typeof(Ping))]
[Union(MessageIds.Pong, typeof(Pong))]
[Union(MessageIds.Goodbye, typeof(Goodbye))]
[Union(MessageIds.ServerShutdown, typeof(ServerShutdown))]
public abstract record ChatMessage
{
    private protected ChatMessage()
    {
    }
}
