using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// The base of every message on the wire. A message is encoded as a MessagePack union,
/// <c>[id, [field0, field1, ...]]</c>, with the id taken from <see cref="MessageIds"/>.
/// </summary>
/// <remarks>
/// <para>The set of messages is closed: only this library defines them.</para>
/// <para>
/// Every message is a record whose constructor takes its required fields; its optional fields
/// are init properties (<c>new SendText("waves") { Kind = TextKind.Action }</c>). A field added
/// in a later version is always a new optional init property, so code compiled against this
/// version keeps compiling and running.
/// </para>
/// </remarks>
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
[Union(MessageIds.JoinRoom, typeof(JoinRoom))]
[Union(MessageIds.RoomJoined, typeof(RoomJoined))]
[Union(MessageIds.LeaveRoom, typeof(LeaveRoom))]
[Union(MessageIds.RoomLeft, typeof(RoomLeft))]
[Union(MessageIds.ListRooms, typeof(ListRooms))]
[Union(MessageIds.RoomList, typeof(RoomList))]
[Union(MessageIds.SetTopic, typeof(SetTopic))]
[Union(MessageIds.TopicChanged, typeof(TopicChanged))]
[Union(MessageIds.ChangeName, typeof(ChangeName))]
[Union(MessageIds.UserRenamed, typeof(UserRenamed))]
[Union(MessageIds.SetAway, typeof(SetAway))]
[Union(MessageIds.UserAway, typeof(UserAway))]
[Union(MessageIds.HistoryRequest, typeof(HistoryRequest))]
[Union(MessageIds.HistoryBatch, typeof(HistoryBatch))]
[Union(MessageIds.SearchRequest, typeof(SearchRequest))]
[Union(MessageIds.SearchResults, typeof(SearchResults))]
[Union(MessageIds.RegisterName, typeof(RegisterName))]
[Union(MessageIds.NameRegistered, typeof(NameRegistered))]
[Union(MessageIds.OperatorRequest, typeof(OperatorRequest))]
[Union(MessageIds.OperatorReply, typeof(OperatorReply))]
public abstract record ChatMessage
{
    private protected ChatMessage()
    {
    }
}
