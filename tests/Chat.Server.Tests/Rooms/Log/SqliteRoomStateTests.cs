using Chat.Protocol;
using Chat.Server.Tests.History;

namespace Chat.Server.Tests.Rooms.Log;

/// <summary>What the SQLite store keeps of a room besides its lines: its topic and whether the operator made it, across reopenings of a real file.</summary>
public sealed class SqliteRoomStateTests : IDisposable
{
    private readonly SqliteStoreFolder _folder = new();

    [Fact]
    public async Task TheLastTopicIsKeptWithWhoSetItAndWhenAcrossReopening()
    {
        var last = new RoomTopic("Second", "bob", new DateTime(2026, 12, 2, 6, 30, 0, DateTimeKind.Utc));
        await using (var store = NewStore())
        {
            await using var log = await store.OpenAsync("#dev").WithTimeout();
            Assert.Same(RoomTopic.None, log.Topic);
            await log.SaveTopicAsync(new RoomTopic("First", "alice", new DateTime(2026, 12, 2, 6, 0, 0, DateTimeKind.Utc))).WithTimeout();
            await log.AppendAsync(new LineDraft("alice", "between", TextKind.Plain)).WithTimeout();
            await log.SaveTopicAsync(last).WithTimeout();
            Assert.Equal(last, log.Topic);
        }

        await using (var store = NewStore())
        {
            await using var log = await store.OpenAsync("#DEV").WithTimeout();
            Assert.Equal(last, log.Topic);
            await log.SaveTopicAsync(new RoomTopic(string.Empty, Room.OperatorName, last.Timestamp.AddHours(1))).WithTimeout();
        }

        await using (var store = NewStore())
        {
            await using var log = await store.OpenAsync("#dev").WithTimeout();
            Assert.Equal(new RoomTopic(string.Empty, Room.OperatorName, last.Timestamp.AddHours(1)), log.Topic); // cleared, and who cleared it
        }
    }

    [Fact]
    public async Task TheRoomsTheOperatorMadeAreListedByTheirFirstNameWhenTheFileIsOpenedAgain()
    {
        await using (var store = NewStore())
        {
            Assert.Empty(store.KeptRooms);
            await using var log = await store.OpenAsync("#Ops").WithTimeout();
            await log.AppendAsync(new LineDraft("alice", "hi", TextKind.Plain)).WithTimeout();
            await store.KeepAsync("#Ops").WithTimeout();
            await store.KeepAsync("#Builds").WithTimeout();
            await store.KeepAsync("#ops").WithTimeout(); // the same room, written again
            await using var user = await store.OpenAsync("#user").WithTimeout();
            await user.AppendAsync(new LineDraft("bob", "not kept", TextKind.Plain)).WithTimeout();
            Assert.Empty(store.KeptRooms); // read when the file was opened
        }

        await using (var store = NewStore())
        {
            Assert.Equal(["#Builds", "#ops"], store.KeptRooms);
            await using var log = await store.OpenAsync("#ops").WithTimeout();
            Assert.Equal(2, (await log.AppendAsync(new LineDraft("alice", "again", TextKind.Plain)).WithTimeout()).Id);
        }
    }

    [Fact]
    public async Task AFileMadeBeforeTopicsWereKeptGetsTheColumnsAndKeepsItsIds()
    {
        Directory.CreateDirectory(_folder.Path);
        using (var old = _folder.Connect())
        {
            using var command = old.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE rooms (key TEXT NOT NULL PRIMARY KEY, last_id INTEGER NOT NULL, pruned_through INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
                CREATE TABLE lines (seq INTEGER PRIMARY KEY, room TEXT NOT NULL, id INTEGER NOT NULL, author TEXT NOT NULL,
                    text TEXT NOT NULL, kind INTEGER NOT NULL, at INTEGER NOT NULL, UNIQUE (room, id));
                INSERT INTO rooms VALUES ('#DEV', 7, 0);
                INSERT INTO lines (room, id, author, text, kind, at) VALUES ('#DEV', 7, 'alice', 'seven', 0, 1);
                """;
            command.ExecuteNonQuery();
        }

        var topic = new RoomTopic("Migrated", "alice", new DateTime(2026, 12, 2, 6, 0, 0, DateTimeKind.Utc));
        await using (var store = NewStore())
        {
            Assert.Empty(store.KeptRooms);
            await using var log = await store.OpenAsync("#dev").WithTimeout();
            Assert.Same(RoomTopic.None, log.Topic);
            Assert.Equal(["seven"], (await log.ReadAsync(LogRange.Newest(10)).WithTimeout()).Select(l => l.Text));
            await log.SaveTopicAsync(topic).WithTimeout();
            Assert.Equal(8, (await log.AppendAsync(new LineDraft("bob", "eight", TextKind.Plain)).WithTimeout()).Id);
        }

        await using (var store = NewStore())
        {
            await using var log = await store.OpenAsync("#dev").WithTimeout();
            Assert.Equal(topic, log.Topic);
        }

        Assert.Equal(8, _folder.Scalar("SELECT last_id FROM rooms WHERE key = '#DEV'"));
    }

    public void Dispose() => _folder.Dispose();

    private SqliteRoomLogStore NewStore() => new(_folder.Path, 5, TimeProvider.System);
}
