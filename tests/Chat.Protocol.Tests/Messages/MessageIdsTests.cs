using System.Reflection;
using MessagePack;

namespace Chat.Protocol.Tests.Messages;

public class MessageIdsTests
{
    internal static IReadOnlyDictionary<int, Type> UnionTypes =>
        typeof(ChatMessage).GetCustomAttributes<UnionAttribute>().ToDictionary(u => u.Key, u => u.SubType);

    internal static IReadOnlyDictionary<string, int> Constants =>
        typeof(MessageIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);

    [Fact]
    public void EveryConstantIsTheUnionTagOfExactlyOneMessageType()
    {
        Assert.Equal(Constants.Values.Order(), UnionTypes.Keys.Order());
        Assert.Equal(Constants.Count, Constants.Values.Distinct().Count());
    }

    [Fact]
    public void EveryMessageTypeHasAUnionTag()
    {
        var messageTypes = typeof(ChatMessage).Assembly.GetTypes()
            // Reconnecting and Reconnected are made by ChatClient for its application and never go on the wire.
            .Where(t => t.IsSubclassOf(typeof(ChatMessage)) && !t.IsAbstract && !t.IsAssignableTo(typeof(IClientMadeMessage)));
        Assert.Equal(messageTypes.OrderBy(t => t.Name), UnionTypes.Values.OrderBy(t => t.Name));
    }

    [Fact]
    public void ConstantsAreNamedAfterTheirMessageTypes()
    {
        foreach (var (name, id) in Constants)
        {
            var type = UnionTypes[id].Name;
            Assert.True(type == name || type == name + "Message", $"MessageIds.{name} = {id} tags {type}.");
        }
    }

    [Fact]
    public void TheIdsAreTheOnesThatWereShipped()
    {
        // Renumbering an id breaks every peer already deployed: this list only ever grows.
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["Hello"] = 1, ["Welcome"] = 2, ["Rejected"] = 3, ["SendText"] = 4, ["TextPosted"] = 5,
                ["UsersJoined"] = 6, ["UsersLeft"] = 7, ["SendPrivate"] = 8, ["PrivateMessage"] = 9,
                ["ServerNotice"] = 10, ["Error"] = 11, ["Ping"] = 12, ["Pong"] = 13, ["Goodbye"] = 14,
                ["ServerShutdown"] = 15,
                ["JoinRoom"] = 16, ["RoomJoined"] = 17, ["LeaveRoom"] = 18, ["RoomLeft"] = 19, ["ListRooms"] = 20,
                ["RoomList"] = 21, ["SetTopic"] = 22, ["TopicChanged"] = 23, ["ChangeName"] = 24,
                ["UserRenamed"] = 25, ["SetAway"] = 26, ["UserAway"] = 27,
                ["HistoryRequest"] = 28, ["HistoryBatch"] = 29, ["SearchRequest"] = 30, ["SearchResults"] = 31,
                ["RegisterName"] = 32, ["NameRegistered"] = 33, ["OperatorRequest"] = 34, ["OperatorReply"] = 35,
            },
            Constants);
    }

    [Fact]
    public void IsKnownAcceptsExactlyTheDefinedIds()
    {
        for (var id = -5; id < 40; id++)
        {
            Assert.Equal(UnionTypes.ContainsKey(id), MessageIds.IsKnown(id));
        }
    }

    [Fact]
    public void FieldKeysAreDenseAndTheConstructorTakesTheLeadingOnesInOrder()
    {
        foreach (var type in UnionTypes.Values.Append(typeof(Departure)).Append(typeof(RoomInfo)))
        {
            var keys = type.GetProperties()
                .Select(p => (p.Name, Key: p.GetCustomAttribute<KeyAttribute>()?.IntKey))
                .Where(p => p.Key is not null)
                .OrderBy(p => p.Key)
                .ToList();
            Assert.Equal(Enumerable.Range(0, keys.Count), keys.Select(k => k.Key!.Value));

            // The serialization constructor takes exactly the required fields, which lead, in key order.
            var parameters = type.GetConstructors()
                .Single(c => c.IsDefined(typeof(SerializationConstructorAttribute)))
                .GetParameters();
            Assert.True(parameters.Length <= keys.Count, type.Name);
            for (var i = 0; i < parameters.Length; i++)
            {
                Assert.Equal(keys[i].Name, parameters[i].Name, StringComparer.OrdinalIgnoreCase);
            }
        }
    }
}
