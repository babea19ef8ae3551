using System.Globalization;
using Chat.Protocol;
using Chat.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Chat.Server.Tests.History;

/// <summary>Rooms and topics kept by the SQLite history: a server restarted on the same data folder, over TCP.</summary>
public sealed class DurableRoomsTests : IDisposable
{
    private readonly HistoryFolder _folder = new();

    [Fact]
    public async Task TopicsSurviveARestartWithWhoSetThemAndWhen()
    {
        TopicChanged lobby, dev;
        await using (var server = Start())
        {
            await using var alice = await server.JoinRawAsync("alice");
            await alice.SendAsync(new SetTopic("#lobby", "Welcome, all"));
            lobby = await alice.ReceiveAsync<TopicChanged>();
            await alice.JoinRoomAsync("#Dev");
            await alice.SendAsync(new SetTopic("#dev", "Release on Friday"));
            dev = await alice.ReceiveAsync<TopicChanged>();
        }

        Assert.Equal(("#lobby", "alice", "#Dev", "alice"), (lobby.Room, lobby.SetBy, dev.Room, dev.SetBy));
        await using (var server = Start())
        {
            await using var bob = await server.ConnectRawAsync();
            Assert.Equal("Welcome, all", (await bob.JoinAsync("bob")).Topic);
            var joined = await bob.JoinRoomAsync("#dev");
            Assert.Equal(("#dev", "Release on Friday"), (joined.Room, joined.Topic));
            Assert.Equal(["#dev", "#lobby"], server.Server.Rooms.All().Select(r => r.Name));

            // The operator sees who set each topic and when, as before the restart.
            var output = new StringWriter();
            await new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor).ExecuteAsync("rooms").WithTimeout();
            Assert.Equal(
                [
                    "2 rooms:",
                    string.Create(CultureInfo.InvariantCulture, $"  #dev (1 user): Release on Friday (set by alice, {dev.Timestamp:yyyy-MM-dd HH:mm} UTC)"),
                    string.Create(CultureInfo.InvariantCulture, $"  #lobby (1 user, stays): Welcome, all (set by alice, {lobby.Timestamp:yyyy-MM-dd HH:mm} UTC)"),
                ],
                output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal((lobby.SetBy, lobby.Timestamp), StoredTopic("#LOBBY"));
        Assert.Equal((dev.SetBy, dev.Timestamp), StoredTopic("#DEV"));
    }

    [Fact]
    public async Task ARoomTheOperatorMadeIsThereAfterARestartWithItsTopicAndLines()
    {
        long said;
        await using (var server = Start())
        {
            var opening = await server.Server.SetTopicAsync("#Ops", "Deploys here").WithTimeout();
            Assert.Equal(RoomKind.Operator, opening.Room!.Kind);
            await using var alice = await server.JoinRawAsync("alice");
            await alice.JoinRoomAsync("#ops");
            said = (await alice.SayAsync("#ops", "deployed")).Id;
        }

        await using (var server = Start())
        {
            var ops = server.Server.Rooms.Find("#ops");
            Assert.NotNull(ops);
            Assert.Equal(("#Ops", RoomKind.Operator, "Deploys here"), (ops.Name, ops.Kind, ops.Info().Topic));

            await using var bob = await server.JoinRawAsync("bob");
            await bob.SendAsync(new ListRooms());
            Assert.Contains(("#Ops", "Deploys here"), (await bob.ReceiveAsync<RoomList>()).Rooms.Select(r => (r.Name, r.Topic)));
            var joined = await bob.JoinRoomAsync("#ops");
            Assert.Equal([(said, "deployed")], joined.Recent.Select(l => (l.Id, l.Text)));

            // An operator's room stays when its last member leaves.
            await bob.SendAsync(new LeaveRoom("#ops"));
            await bob.ReceiveAsync<RoomLeft>();
            await bob.SendAsync(new ListRooms());
            Assert.Contains("#Ops", (await bob.ReceiveAsync<RoomList>()).Rooms.Select(r => r.Name));
        }
    }

    [Fact]
    public async Task AUserRoomEmptiedAndJoinedAgainKeepsItsHistoryIdsAndTopicAlsoAfterARestart()
    {
        List<TextPosted> said;
        await using (var server = Start())
        {
            await using var alice = await server.JoinRawAsync("alice");
            await alice.JoinRoomAsync("#tmp");
            await alice.SendAsync(new SetTopic("#tmp", "Scratch"));
            await alice.ReceiveAsync<TopicChanged>();
            said = await alice.PostAsync("#tmp", ["one", "two", "three"]);
            await alice.SendAsync(new LeaveRoom("#tmp"));
            await alice.ReceiveAsync<RoomLeft>();

            // The leave is handled (and the room retired) before the list is answered.
            await alice.SendAsync(new ListRooms());
            Assert.DoesNotContain("#tmp", (await alice.ReceiveAsync<RoomList>()).Rooms.Select(r => r.Name));

            var again = await alice.JoinRoomAsync("#tmp");
            Assert.Equal("Scratch", again.Topic);
            Assert.Equal(said.Ids(), again.Recent.Ids());
            said.Add(await alice.SayAsync("#tmp", "four"));
            Assert.Equal(said[2].Id + 1, said[3].Id);
        }

        await using (var server = Start())
        {
            Assert.Null(server.Server.Rooms.Find("#tmp")); // a user's room is made again only by a join
            await using var bob = await server.JoinRawAsync("bob");
            var joined = await bob.JoinRoomAsync("#tmp");
            Assert.Equal("Scratch", joined.Topic);
            Assert.Equal(said.Ids(), joined.Recent.Ids());
            var history = await bob.HistoryAsync("#tmp", afterId: said[0].Id);
            Assert.False(history.Gap);
            Assert.Equal(said.Skip(1).Select(l => l.Text), history.Lines.Select(l => l.Text));
            Assert.Equal(said[3].Id + 1, (await bob.SayAsync("#tmp", "five")).Id);
        }
    }

    public void Dispose() => _folder.Dispose();

    private TestServer Start() => TestServer.Start(_folder.Store(HistoryStoreKind.Sqlite, o => o with { MessageRate = 0, HistoryLength = 10 }));

    private (string SetBy, DateTime Timestamp) StoredTopic(string key)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder.Path, SqliteRoomLogStore.FileName), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT topic_by, topic_at FROM rooms WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"No row for {key}");
        return (reader.GetString(0), new DateTime(reader.GetInt64(1), DateTimeKind.Utc));
    }
}
