using Chat.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.History;

/// <summary>Retention in a running server with the SQLite history: the background pass prunes, and a client asking after a removed line is told of the gap.</summary>
public sealed class SqliteRetentionOverTcpTests : IDisposable
{
    private readonly SqliteStoreFolder _folder = new();

    [Fact]
    public async Task TheBackgroundPassRemovesOldLinesAndAClientAskingAfterThemIsToldOfTheGap()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = TestServer.Start(o => o with
        {
            HistoryStore = HistoryStoreKind.Sqlite,
            DataFolder = _folder.Path,
            RetainLinesPerRoom = 3,
            MessageRate = 0,
            IdleTimeout = TimeSpan.Zero,
            TimeProvider = time,
        });
        await using var alice = await server.JoinRawAsync("alice");
        var posted = await alice.PostLinesAsync(6);

        await Condition.UntilAsync(
            () =>
            {
                time.Advance(ChatServerOptions.Default.RetentionInterval);
                return server.Server.DefaultRoom.PrunedThroughId == posted[2].Id;
            },
            "the background pass removed the three oldest lines");

        var after = await alice.HistoryAsync("", afterId: posted[0].Id).WithTimeout();
        Assert.True(after.Gap);
        Assert.Equal(posted.Skip(3).Ids(), after.Lines.Ids());
        Assert.Equal(posted.Skip(3).Ids(), (await alice.HistoryAsync("").WithTimeout()).Lines.Ids());
        Assert.Equal(3, _folder.Scalar("SELECT count(*) FROM lines"));
    }

    public void Dispose() => _folder.Dispose();
}
