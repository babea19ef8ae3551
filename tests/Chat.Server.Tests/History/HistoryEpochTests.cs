using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.History;

/// <summary>The welcome's history epoch over real TCP (docs/protocol.md, section 7, History, R7.55).</summary>
public sealed class HistoryEpochTests : IDisposable
{
    private readonly HistoryFolder _folder = new();

    [Fact]
    [Trait("ProtocolRule", "R7.55")]
    public async Task TheSqliteHistoryKeepsItsEpochAcrossARestartAndItsIdsGoOn()
    {
        string epoch;
        long last;
        await using (var server = TestServer.Start(_folder.Store(HistoryStoreKind.Sqlite)))
        {
            await using var alice = await server.ConnectRawAsync();
            epoch = (await alice.JoinAsync("alice")).HistoryEpoch;
            last = (await alice.PostLinesAsync(3)).Ids()[^1];
        }

        await using (var server = TestServer.Start(_folder.Store(HistoryStoreKind.Sqlite)))
        {
            await using var alice = await server.ConnectRawAsync();
            var welcome = await alice.JoinAsync("alice");
            Assert.Equal(epoch, welcome.HistoryEpoch);

            var next = (await alice.PostLinesAsync(1)).Ids()[0];
            Assert.True(next > last);
            Assert.Equal([next], (await alice.HistoryAsync(string.Empty, afterId: last)).Lines.Ids());
        }

        // Another data folder is another history.
        using var other = new HistoryFolder();
        await using (var server = TestServer.Start(other.Store(HistoryStoreKind.Sqlite)))
        {
            await using var alice = await server.ConnectRawAsync();
            Assert.NotEqual(epoch, (await alice.JoinAsync("alice")).HistoryEpoch);
        }
    }

    [Fact]
    [Trait("ProtocolRule", "R7.55")]
    public async Task TheMemoryHistoryHasANewEpochEachStartAndOneForAllItsClients()
    {
        string first;
        await using (var server = TestServer.Start())
        {
            await using var alice = await server.ConnectRawAsync();
            first = (await alice.JoinAsync("alice")).HistoryEpoch;
            await using var bob = await server.ConnectRawAsync();
            Assert.Equal(first, (await bob.JoinAsync("bob")).HistoryEpoch);
        }

        await using (var server = TestServer.Start())
        {
            await using var alice = await server.ConnectRawAsync();
            Assert.NotEqual(first, (await alice.JoinAsync("alice")).HistoryEpoch);
        }
    }

    public void Dispose() => _folder.Dispose();
}
