using Chat.LoadTest.Server;

namespace Chat.LoadTest.Tests.Server;

public class DataFolderSetupTests
{
    [Fact]
    public void AStartedServerGetsAFreshFolderThatIsDeletedAfterTheRun()
    {
        string folder;
        using (var data = DataFolderSetup.For(["--rate", "0"]))
        {
            Assert.Equal("--data", data.ServerArguments[0]);
            folder = data.ServerArguments[1];
            Assert.True(Directory.Exists(folder));
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
            File.WriteAllText(Path.Combine(folder, "history.db"), "what a run leaves");
        }

        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("--data", "/somewhere")]
    [InlineData("--data=/somewhere")]
    public void AFolderTheArgumentsNameIsLeftAlone(params string[] arguments)
    {
        using var data = DataFolderSetup.For(arguments);

        Assert.Empty(data.ServerArguments);
    }
}
