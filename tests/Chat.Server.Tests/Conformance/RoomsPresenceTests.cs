using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Conformance;

/// <summary>
/// Presence is exact per room (docs/protocol.md, R7.10 in each room): a client that starts from
/// each room's welcome or <see cref="RoomJoined"/> and follows that room's notices and renames
/// always holds exactly that room's users, while users join, leave, rename and quit across rooms.
/// </summary>
public class RoomsPresenceTests
{
    [Fact]
    [Trait("ProtocolRule", "R7.10")]
    [Trait("ProtocolRule", "R7.16")]
    public async Task EveryClientKeepsAnExactListOfEachOfItsRooms()
    {
        await using var server = TestServer.Start();
        var clients = new Dictionary<string, Tracked>();
        foreach (var name in new[] { "ann", "ben", "cat", "dan" })
        {
            clients[name] = await Tracked.JoinAsync(server, name);
        }

        await clients["ann"].JoinRoomAsync("#x");
        await clients["ben"].JoinRoomAsync("#x");
        await clients["cat"].JoinRoomAsync("#y");
        await clients["ann"].JoinRoomAsync("#y");
        await clients["dan"].JoinRoomAsync("#x");
        await clients["ben"].LeaveRoomAsync("#x");
        await clients["cat"].JoinRoomAsync("#x");
        await clients["dan"].RenameAsync("Dora");
        await clients["ann"].LeaveRoomAsync("#lobby");
        await clients["ben"].JoinRoomAsync("#y");
        await clients["ben"].Client.SendAsync(new Goodbye("bye"));
        await clients["ben"].Client.ReadToEndAsync();
        clients.Remove("ben");
        await Condition.UntilAsync(() => server.Server.Users.Find("ben") is null, "ben is gone");

        // A line in each room sends what presence is pending there before it.
        var markers = new List<(string Room, string Text)>();
        foreach (var room in new[] { "#lobby", "#x", "#y" })
        {
            var speaker = clients.Values.First(c => c.Rooms.ContainsKey(room));
            var text = $"marker in {room}";
            await speaker.Client.SendAsync(new SendText(text) { Room = room });
            markers.Add((room, text));
        }

        foreach (var client in clients.Values)
        {
            // Rooms are independent: lines said on different connections in different rooms reach
            // a member of both in either order, so wait for the set, not a sequence.
            var awaited = markers.Where(m => client.Rooms.ContainsKey(m.Room)).Select(m => m.Text).ToHashSet();
            while (awaited.Count > 0)
            {
                var line = await client.NextAsync<TextPosted>(line => awaited.Contains(line.Text));
                awaited.Remove(line.Text);
            }

            foreach (var (room, users) in client.Rooms)
            {
                Assert.Equal(server.Server.Rooms.Find(room)!.Users(), users.Order(UserNameRules.Comparer));
            }
        }

        Assert.Equal(["#lobby", "#x"], clients["dan"].Rooms.Keys.Order(RoomNameRules.Comparer));
        Assert.Equal(["#x", "#y"], clients["ann"].Rooms.Keys.Order(RoomNameRules.Comparer));
        await Task.WhenAll(clients.Values.Select(c => c.Client.DisposeAsync().AsTask()));
    }

    /// <summary>A raw client that follows every room's user list as a client does, failing on any notice that is not exact.</summary>
    private sealed class Tracked
    {
        private Tracked(RawClient client) => Client = client;

        public RawClient Client { get; }

        public string Name { get; private set; } = string.Empty;

        public Dictionary<string, HashSet<string>> Rooms { get; } = new(RoomNameRules.Comparer);

        public static async Task<Tracked> JoinAsync(TestServer server, string name)
        {
            var tracked = new Tracked(await server.ConnectRawAsync()) { Name = name };
            var welcome = await tracked.Client.JoinAsync(name);
            tracked.Rooms[welcome.Room] = new HashSet<string>(welcome.Users, UserNameRules.Comparer);
            return tracked;
        }

        public async Task JoinRoomAsync(string room)
        {
            await Client.SendAsync(new JoinRoom(room));
            await NextAsync<RoomJoined>(joined => joined.Room == room);
        }

        public async Task LeaveRoomAsync(string room)
        {
            await Client.SendAsync(new LeaveRoom(room));
            await NextAsync<RoomLeft>(left => left.Room == room);
        }

        public async Task RenameAsync(string name)
        {
            var old = Name;
            await Client.SendAsync(new ChangeName(name));
            await NextAsync<UserRenamed>(renamed => renamed.OldName == old);
        }

        /// <summary>Reads, following every message, until one of type <typeparamref name="T"/> matches.</summary>
        public async Task<T> NextAsync<T>(Func<T, bool> match)
            where T : ChatMessage
        {
            while (true)
            {
                var message = await Client.ReceiveAsync() ?? throw new EndOfStreamException($"{Name}'s connection ended.");
                Follow(message);
                if (message is T wanted && match(wanted))
                {
                    return wanted;
                }
            }
        }

        private void Follow(ChatMessage message)
        {
            switch (message)
            {
                case RoomJoined joined:
                    Rooms[joined.Room] = new HashSet<string>(joined.Users, UserNameRules.Comparer);
                    break;
                case RoomLeft left:
                    Assert.True(Rooms.Remove(left.Room), $"{Name} left {left.Room}, which it was not in.");
                    break;
                case UsersJoined joined:
                    Assert.All(joined.UserNames, user => Assert.True(In(joined.Room).Add(user), $"{Name} was told again that {user} joined {joined.Room}."));
                    break;
                case UsersLeft left:
                    Assert.All(left.Departures, d => Assert.True(In(left.Room).Remove(d.UserName), $"{Name} was told that {d.UserName}, not in {left.Room}, left it."));
                    break;
                case UserRenamed renamed:
                    if (UserNameRules.Comparer.Equals(renamed.OldName, Name))
                    {
                        Name = renamed.NewName;
                    }

                    if (renamed.Room.Length > 0)
                    {
                        Assert.True(In(renamed.Room).Remove(renamed.OldName), $"{Name} was told that {renamed.OldName}, not in {renamed.Room}, was renamed.");
                        Assert.True(In(renamed.Room).Add(renamed.NewName));
                    }

                    break;
            }
        }

        private HashSet<string> In(string room) =>
            Rooms.TryGetValue(room, out var users) ? users : throw new Xunit.Sdk.XunitException($"{Name} heard of {room}, which it is not in.");
    }
}
