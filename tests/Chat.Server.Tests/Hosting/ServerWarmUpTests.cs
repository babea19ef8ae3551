namespace Chat.Server.Tests.Hosting;

public class ServerWarmUpTests
{
    [Fact]
    public async Task ItRunsToTheEndAndKeepsNothing()
    {
        var parent = Directory.CreateTempSubdirectory("chatroom-warm-up-test-").FullName;
        try
        {
            Assert.True(await ServerWarmUp.RunAsync(parent).WithTimeout());

            // Its server's history file, accounts and bans went with its data folder.
            Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
