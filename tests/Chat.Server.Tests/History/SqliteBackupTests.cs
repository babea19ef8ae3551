using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.History;

/// <summary>The online backup (<c>backup &lt;path&gt;</c> on the console), taken while lines are being appended.</summary>
public sealed class SqliteBackupTests : IDisposable
{
    private readonly SqliteStoreFolder _folder = new();
    private readonly SqliteStoreFolder _backups = new();

    [Fact]
    public async Task ABackupTakenWhileLinesAreAppendedHoldsEveryLineCommittedBeforeIt()
    {
        Directory.CreateDirectory(_backups.Path);
        var target = Path.Combine(_backups.Path, "copy.db");
        var committed = new List<long>();
        SqliteBackup backup;
        await using (var store = new SqliteRoomLogStore(_folder.Path, 10, TimeProvider.System))
        {
            await using var log = await store.OpenAsync("#busy").WithTimeout();
            await store.Private.AppendAsync(new PrivateDraft("alice", "bob", "before", TextKind.Plain)).WithTimeout();
            using var stop = new CancellationTokenSource();
            var firstLines = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writer = Task.Run(async () =>
            {
                var i = 0;
                while (!stop.IsCancellationRequested)
                {
                    var batch = Enumerable.Range(0, 20).Select(_ => log.AppendAsync(new LineDraft("alice", $"line {i++}", TextKind.Plain)).AsTask());
                    var lines = await Task.WhenAll(batch).WithTimeout();
                    lock (committed)
                    {
                        committed.AddRange(lines.Select(l => l.Id));
                    }

                    if (committed.Count >= 200)
                    {
                        firstLines.TrySetResult();
                    }
                }
            });
            await firstLines.Task.WithTimeout();
            long[] before;
            lock (committed)
            {
                before = [.. committed];
            }

            backup = await store.BackupAsync(target).WithTimeout();
            await stop.CancelAsync();
            await writer.WithTimeout();

            var copied = Ids(target);
            Assert.Subset(copied.ToHashSet(), before.ToHashSet());
            Assert.Equal(Enumerable.Range(1, copied.Length).Select(i => (long)i), copied); // a prefix: one snapshot
            Assert.Equal(copied.Length, backup.Lines);
            Assert.Equal(1, backup.PrivateMessages);
        }

        Assert.Equal(target, backup.Path);
        Assert.Equal("delete", Text("PRAGMA journal_mode", target));
        Assert.Equal("ok", Text("PRAGMA integrity_check", target));
        Assert.False(File.Exists(target + "-wal"));
        Assert.Single(Directory.GetFiles(_backups.Path));

        // The backup is a history the server can start from.
        File.Move(target, Path.Combine(_backups.Path, SqliteRoomLogStore.FileName));
        await using var restored = new SqliteRoomLogStore(_backups.Path, 10, TimeProvider.System);
        await using var again = await restored.OpenAsync("#busy").WithTimeout();
        Assert.Equal(backup.Lines, (await again.ReadAsync(new LogRange(0, long.MaxValue, int.MaxValue, LogOrder.OldestFirst)).WithTimeout()).Count);
        Assert.Equal(["before"], (await restored.Private.ReadAsync("bob", null, new LogRange(0, long.MaxValue, 10, LogOrder.OldestFirst)).WithTimeout()).Select(m => m.Text));
    }

    [Fact]
    public async Task ABackupNeverOverwritesTheLiveHistoryOrAnyFile()
    {
        await using var store = new SqliteRoomLogStore(_folder.Path, 10, TimeProvider.System);
        Directory.CreateDirectory(_backups.Path);
        var existing = Path.Combine(_backups.Path, "taken.db");
        await File.WriteAllTextAsync(existing, "keep me");

        var live = await Assert.ThrowsAsync<ArgumentException>(() => store.BackupAsync(_folder.Database)).WithTimeout();
        var wal = await Assert.ThrowsAsync<ArgumentException>(() => store.BackupAsync(_folder.Database + "-wal")).WithTimeout();
        var taken = await Assert.ThrowsAsync<ArgumentException>(() => store.BackupAsync(existing)).WithTimeout();
        var nowhere = await Assert.ThrowsAsync<ArgumentException>(() => store.BackupAsync(Path.Combine(_backups.Path, "no", "such.db"))).WithTimeout();

        Assert.Equal($"{_folder.Database} is the live history file; choose another path for the backup.", live.Message);
        Assert.Contains("live history file", wal.Message, StringComparison.Ordinal);
        Assert.Equal($"{existing} exists already; choose a new file name (a backup never overwrites).", taken.Message);
        Assert.Contains("does not exist", nowhere.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
    }

    [Fact]
    public async Task TheConsoleBacksUpARunningServerAndExplainsWhenTheHistoryIsInMemory()
    {
        Directory.CreateDirectory(_backups.Path);
        var target = Path.Combine(_backups.Path, "console copy.db");
        await using (var server = TestServer.Start(o => o with { HistoryStore = HistoryStoreKind.Sqlite, DataFolder = _folder.Path }))
        {
            await using var alice = await server.ConnectAsync("alice");
            await alice.SendAsync("keep this").AsTask().WithTimeout();
            await alice.LinesAsync(1);
            var output = new StringWriter();
            var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);

            await console.ExecuteAsync($"backup \"{target}\"").WithTimeout();
            await console.ExecuteAsync($"backup {target}").WithTimeout();
            await console.ExecuteAsync("backup").WithTimeout();

            var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            Assert.Matches($"^Backed up the history to {System.Text.RegularExpressions.Regex.Escape(target)}: 1 lines, 0 private messages, [0-9.]+ KiB\\.$", lines[0]);
            Assert.Equal($"No backup: {target} exists already; choose a new file name (a backup never overwrites).", lines[1]);
            Assert.StartsWith("Usage: backup <path>", lines[2], StringComparison.Ordinal);
        }

        Assert.Equal(1, _backups.Scalar("SELECT count(*) FROM lines WHERE text = 'keep this'", target));
        await using (var server = TestServer.Start())
        {
            var output = new StringWriter();
            await new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor).ExecuteAsync("backup /tmp/whatever.db").WithTimeout();
            Assert.StartsWith("The history is kept in memory (--history memory): there is no file to back up.", output.ToString(), StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        _folder.Dispose();
        _backups.Dispose();
    }

    private long[] Ids(string file)
    {
        using var connection = _backups.Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM lines ORDER BY id";
        var ids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }

    private string Text(string sql, string file)
    {
        using var connection = _backups.Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }
}
