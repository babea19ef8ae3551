using Chat.Protocol;
using Chat.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Chat.Server.Tests.History;

/// <summary>The built server's history options, over real TCP: <c>--history</c>, <c>--data</c>, <c>--history-on-join</c>, <c>--history-limit</c>.</summary>
public sealed class HistoryOptionsProcessTests : IDisposable
{
    private readonly HistoryFolder _folder = new();

    [Fact]
    public async Task TheSqliteHistoryLivesInTheDataFolderAndTheLimitsAreTheOnesGiven()
    {
        await using (var server = await ServerProcess.StartAsync("--history", "sqlite", "--data", _folder.Path, "--history-on-join", "2", "--history-limit", "7", "--rate", "0"))
        {
            await using var alice = await RawClient.ConnectAsync(server.Port);
            var welcome = await alice.JoinAsync("alice");
            Assert.Equal(7, welcome.HistoryLimit);
            await alice.PostLinesAsync(10);

            Assert.Equal(7, (await alice.HistoryAsync(string.Empty)).Lines.Count);
            await using var bob = await RawClient.ConnectAsync(server.Port);
            Assert.Equal(["line 9", "line 10"], (await bob.JoinAsync("bob")).Recent.Select(line => line.Text));
        }

        Assert.True(File.Exists(Path.Combine(_folder.Path, "history.db")));
        await using (var server = await ServerProcess.StartAsync("--history", "sqlite", "--data", _folder.Path))
        {
            await using var carol = await RawClient.ConnectAsync(server.Port);
            var welcome = await carol.JoinAsync("carol");
            Assert.Equal(200, welcome.HistoryLimit);
            Assert.Equal(Enumerable.Range(1, 10).Select(i => $"line {i}"), welcome.Recent.Select(line => line.Text));
        }
    }

    [Fact]
    public async Task HistoryLimitZeroTurnsRequestsOff()
    {
        await using var server = await ServerProcess.StartAsync("--history-limit", "0");
        await using var alice = await RawClient.ConnectAsync(server.Port);
        Assert.Equal(0, (await alice.JoinAsync("alice")).HistoryLimit);

        var refused = await alice.RefusedAsync(new HistoryRequest(1, string.Empty, 0, 0, 0));
        Assert.Equal((ErrorCode.NotAllowed, 1), (refused.Code, refused.RequestId));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
