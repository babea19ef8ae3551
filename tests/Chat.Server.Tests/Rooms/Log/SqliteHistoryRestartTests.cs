using Chat.Protocol;
using Chat.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Chat.Server.Tests.Rooms.Log;

/// <summary>A server with <c>--history sqlite</c>, restarted on the same data folder, over TCP.</summary>
public sealed class SqliteHistoryRestartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chat-history-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ARestartedServerShowsTheLinesAndGoesOnWithTheirIds()
    {
        List<TextPosted> posted;
        await using (var server = Start())
        {
            await using var alice = await server.ConnectAsync("alice");
            foreach (var text in new[] { "one", "two", "three" })
            {
                await alice.SendAsync(text).AsTask().WithTimeout();
            }

            posted = await alice.LinesAsync(3);
        }

        Assert.Equal(["one", "two", "three"], posted.Select(line => line.Text));
        await using (var server = Start())
        {
            await using var bob = await server.ConnectAsync("bob");
            Assert.Equal(posted.Select(line => (line.Id, line.Author, line.Text)), bob.Welcome.Recent.Select(line => (line.Id, line.Author, line.Text)));

            await bob.SendAsync("four").AsTask().WithTimeout();
            var next = await bob.NextAsync<TextPosted>();
            Assert.Equal(("four", posted[^1].Id + 1), (next.Text, next.Id));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private TestServer Start() => TestServer.Start(o => o with { HistoryStore = HistoryStoreKind.Sqlite, DataFolder = _folder, HistoryLength = 10 });
}
