namespace Chat.Server.Tests.Hosting;

public class ServerWarmUpTests
{
    [Fact]
    public async Task ItRunsToTheEndAndKeepsNothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"chatroom-warm-up-{Environment.ProcessId}");

        Assert.True(await ServerWarmUp.RunAsync().WithTimeout());

        // Its server kept its history in memory and wrote no accounts, bans or console socket.
        Assert.False(Directory.Exists(folder));
    }
}
