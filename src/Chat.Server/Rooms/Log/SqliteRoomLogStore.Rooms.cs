using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Chat.Server;

/// <summary>
/// What the <c>rooms</c> table keeps of a room besides its ids: its topic (text, who set it, when),
/// and whether the operator made it while the server ran (<c>kept</c>, with the name as first
/// written), so that the next start makes it again. A room that vanishes keeps all of it, and its
/// lines: when it is made again it is opened only after the writes of its last log committed, so its
/// ids and topic are read as they were left.
/// </summary>
internal sealed partial class SqliteRoomLogStore
{
    /// <summary>The last write of each room's disposed log, until it completes.</summary>
    private readonly ConcurrentDictionary<string, Task> _closing = new(StringComparer.Ordinal);

    public IReadOnlyList<string> KeptRooms { get; }

    public async ValueTask KeepAsync(string room, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        var key = KeyOf(room);
        var write = new RoomChange((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO rooms (key, last_id, name, kept) VALUES ($key, 0, $name, 1)
                ON CONFLICT (key) DO UPDATE SET name = excluded.name, kept = 1
                """;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$name", room);
            command.ExecuteNonQuery();
        });
        ObjectDisposedException.ThrowIf(!_writes.Writer.TryWrite(write), this);
        await write.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues a room's new topic for the next transaction.</summary>
    /// <param name="key">The room's key.</param>
    /// <param name="topic">The topic.</param>
    /// <returns>A task that completes when the topic is committed.</returns>
    internal Task EnqueueTopic(string key, RoomTopic topic)
    {
        var write = new RoomChange((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO rooms (key, last_id, topic, topic_by, topic_at) VALUES ($key, 0, $topic, $by, $at)
                ON CONFLICT (key) DO UPDATE SET topic = excluded.topic, topic_by = excluded.topic_by, topic_at = excluded.topic_at
                """;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$topic", topic.Text);
            command.Parameters.AddWithValue("$by", topic.SetBy);
            command.Parameters.AddWithValue("$at", topic.Timestamp.Ticks);
            command.ExecuteNonQuery();
        });
        if (!_writes.Writer.TryWrite(write))
        {
            return Task.FromException(new ObjectDisposedException(nameof(SqliteRoomLogStore)));
        }

        _ = write.Done.Task.ContinueWith(
            static (failed, state) => LogTopicFailed(((SqliteRoomLogStore)state!)._logger, failed.Exception!.GetBaseException()),
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return write.Done.Task;
    }

    /// <summary>Reads a room's topic.</summary>
    private static RoomTopic ReadTopic(SqliteConnection connection, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT topic, topic_by, topic_at FROM rooms WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() && reader.GetInt64(2) > 0
            ? new RoomTopic(reader.GetString(0), reader.GetString(1), new DateTime(reader.GetInt64(2), DateTimeKind.Utc))
            : RoomTopic.None;
    }

    /// <summary>Opens a room again once the last write of its previous log completed (or failed).</summary>
    private async ValueTask<IRoomLog> OpenAfterAsync(Task closing, string room, string key, CancellationToken cancellationToken)
    {
        try
        {
            await closing.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SqliteException or ObjectDisposedException)
        {
            // What failed is not in the file, and its ids were never seen by anyone.
        }

        return Open(room, key);
    }

    /// <summary>Remembers a disposed log's last write until it completes, so that its room is not opened again before.</summary>
    private void Closing(string key, Task lastWrite)
    {
        if (lastWrite.IsCompleted)
        {
            return;
        }

        _closing[key] = lastWrite;
        _ = lastWrite.ContinueWith(
            static (done, state) =>
            {
                var (closing, key) = ((ConcurrentDictionary<string, Task>, string))state!;
                closing.TryRemove(new KeyValuePair<string, Task>(key, done));
            },
            (_closing, key),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>The rooms the operator made in earlier runs, by name as first written.</summary>
    private List<string> ReadKeptRooms()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT name FROM rooms WHERE kept = 1 ORDER BY key";
        var names = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>A change to a room's row, written in the transaction of the lines queued with it.</summary>
    private sealed class RoomChange(Action<SqliteConnection, SqliteTransaction> apply) : Write
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Apply(SqliteConnection connection, SqliteTransaction transaction) => apply(connection, transaction);

        public override void Fail(Exception exception) => Done.TrySetException(exception);

        public override void Succeed() => Done.TrySetResult();
    }
}
