using System.Globalization;
using Chat.Protocol;
using Microsoft.Data.Sqlite;

namespace Chat.Server;

/// <summary>
/// The private messages (table <c>private_lines</c>), written by the same group commit as the
/// rooms' lines. Names are stored twice: as written, and upper-cased as keys, so that reading by
/// user compares names as <see cref="UserNameRules.Comparer"/> does. The highest id ever given and
/// the highest id retention removed are kept in <c>meta</c>, so ids are never reused.
/// </summary>
internal sealed partial class SqliteRoomLogStore
{
    private const string PrivateLastIdKey = "private_last_id";
    private const string PrivatePrunedKey = "private_pruned_through";
    private readonly SqlitePrivateLog _private;

    /// <summary>Queues a private message for the next transaction.</summary>
    /// <param name="message">The message, with its id.</param>
    /// <returns>The message, once committed.</returns>
    internal Task<PrivateMessage> EnqueuePrivate(PrivateMessage message)
    {
        var write = new AppendPrivate(message);
        if (!_writes.Writer.TryWrite(write))
        {
            return Task.FromException<PrivateMessage>(new ObjectDisposedException(nameof(SqliteRoomLogStore)));
        }

        return write.Done.Task;
    }

    /// <summary>Reads the private messages a user sent or received (with one partner, when asked).</summary>
    /// <param name="user">The user.</param>
    /// <param name="partner">The other party, or <see langword="null"/> for any.</param>
    /// <param name="range">Which messages, in which order.</param>
    /// <param name="cancellationToken">Gives up on the read.</param>
    /// <returns>The messages in the order asked for.</returns>
    internal Task<IReadOnlyList<PrivateMessage>> ReadPrivateAsync(string user, string? partner, LogRange range, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<PrivateMessage>>(
            () =>
            {
                using var connection = OpenReader();
                using var command = connection.CreateCommand();
                var who = partner is null
                    ? "(from_key = $user OR to_key = $user)"
                    : "((from_key = $user AND to_key = $partner) OR (from_key = $partner AND to_key = $user))";
                var order = range.Order == LogOrder.NewestFirst ? "DESC" : "ASC";
                command.CommandText = $"""
                    SELECT id, from_name, to_name, text, kind, at FROM private_lines
                    WHERE {who} AND id > $after AND id < $before
                    ORDER BY id {order} LIMIT $limit
                    """;
                command.Parameters.AddWithValue("$user", UserKeyOf(user));
                if (partner is not null)
                {
                    command.Parameters.AddWithValue("$partner", UserKeyOf(partner));
                }

                command.Parameters.AddWithValue("$after", range.AfterId);
                command.Parameters.AddWithValue("$before", range.BeforeId);
                command.Parameters.AddWithValue("$limit", range.Limit);
                var messages = new List<PrivateMessage>();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    messages.Add(new PrivateMessage(reader.GetString(1), reader.GetString(2), reader.GetString(3), new DateTime(reader.GetInt64(5), DateTimeKind.Utc))
                    {
                        Id = reader.GetInt64(0),
                        Kind = (TextKind)reader.GetInt32(4),
                    });
                }

                return messages;
            },
            cancellationToken);

    /// <summary>The key a user's name is stored under, as <see cref="UserNameRules.Comparer"/> compares it.</summary>
    private static string UserKeyOf(string name) => name.ToUpperInvariant();

    private static long MetaNumber(SqliteConnection connection, string key) =>
        SqliteSchema.ReadMeta(connection, key) is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : 0;

    /// <summary>Reads where the private ids stand and makes the log.</summary>
    private SqlitePrivateLog OpenPrivate()
    {
        long highestStored;
        long lowestStored;
        using (var command = _writer.CreateCommand())
        {
            command.CommandText = "SELECT coalesce(max(id), 0), coalesce(min(id), 0) FROM private_lines";
            using var reader = command.ExecuteReader();
            reader.Read();
            highestStored = reader.GetInt64(0);
            lowestStored = reader.GetInt64(1);
        }

        var lastId = Math.Max(highestStored, MetaNumber(_writer, PrivateLastIdKey));
        var pruned = Math.Max(MetaNumber(_writer, PrivatePrunedKey), lowestStored == 0 ? lastId : lowestStored - 1);
        return new SqlitePrivateLog(this, _time, lastId, pruned);
    }

    partial void CommitOther(SqliteTransaction transaction, Write write)
    {
        if (write is not AppendPrivate append)
        {
            throw new InvalidOperationException($"The history's writer has nothing to do with {write.GetType().Name}.");
        }

        var message = append.Message;
        using var insert = _writer.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO private_lines (id, from_name, to_name, from_key, to_key, text, kind, at)
            VALUES ($id, $from, $to, $fromKey, $toKey, $text, $kind, $at)
            """;
        insert.Parameters.AddWithValue("$id", message.Id);
        insert.Parameters.AddWithValue("$from", message.From);
        insert.Parameters.AddWithValue("$to", message.To);
        insert.Parameters.AddWithValue("$fromKey", UserKeyOf(message.From));
        insert.Parameters.AddWithValue("$toKey", UserKeyOf(message.To));
        insert.Parameters.AddWithValue("$text", message.Text);
        insert.Parameters.AddWithValue("$kind", (int)message.Kind);
        insert.Parameters.AddWithValue("$at", message.Timestamp.Ticks);
        insert.ExecuteNonQuery();
        SqliteSchema.WriteMeta(_writer, transaction, PrivateLastIdKey, message.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Removes private messages older than the retention's days, oldest first, a batch per transaction.</summary>
    private async Task<int> PrunePrivateAsync(CancellationToken cancellationToken)
    {
        if (Retention.Days <= 0)
        {
            return 0;
        }

        var removed = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cutoff = Cutoff();
            var step = await RunAsync(connection => PrunePrivateStep(connection, cutoff)).ConfigureAwait(false);
            removed += step.Deleted;
            if (step.Deleted > 0)
            {
                _private.Pruned(step.Through);
            }

            if (step.Deleted < SqliteRetention.BatchSize)
            {
                return removed;
            }
        }
    }

    private static PruneStep PrunePrivateStep(SqliteConnection connection, long cutoffTicks)
    {
        using var transaction = connection.BeginTransaction();
        var through = 0L;
        using (var oldest = connection.CreateCommand())
        {
            oldest.Transaction = transaction;
            oldest.CommandText = "SELECT id, at FROM private_lines ORDER BY id LIMIT $batch";
            oldest.Parameters.AddWithValue("$batch", SqliteRetention.BatchSize);
            using var reader = oldest.ExecuteReader();
            while (reader.Read() && reader.GetInt64(1) < cutoffTicks)
            {
                through = reader.GetInt64(0);
            }
        }

        if (through == 0)
        {
            return default;
        }

        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM private_lines WHERE id <= $through";
        delete.Parameters.AddWithValue("$through", through);
        var deleted = delete.ExecuteNonQuery();
        SqliteSchema.WriteMeta(connection, transaction, PrivatePrunedKey, through.ToString(CultureInfo.InvariantCulture));
        transaction.Commit();
        return new PruneStep(deleted, through);
    }

    /// <summary>A private message to insert.</summary>
    private sealed class AppendPrivate(PrivateMessage message) : Write
    {
        public PrivateMessage Message { get; } = message;

        public TaskCompletionSource<PrivateMessage> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Fail(Exception exception) => Done.TrySetException(exception);

        public override void Succeed() => Done.TrySetResult(Message);
    }
}
