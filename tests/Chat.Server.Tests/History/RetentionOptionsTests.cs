namespace Chat.Server.Tests.History;

/// <summary>The command line's retention options: <c>--retain-days</c> and <c>--retain-lines</c>.</summary>
public class RetentionOptionsTests
{
    [Theory]
    [InlineData("--retain-days", "-1", "--retain-days must be a whole number from 0 to 100000, not \"-1\". (see --help)")]
    [InlineData("--retain-lines", "many", "--retain-lines must be a whole number from 0 to 1000000000, not \"many\". (see --help)")]
    public async Task ABadValueIsOneLineAndExitCodeOne(string option, string value, string message)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await ServerCommandLine.RunAsync(["--history", "memory", option, value], output, error, TextReader.Null).WithTimeout();

        Assert.Equal(1, exitCode);
        Assert.Equal([message], error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task TheHelpNamesTheRetentionOptionsAndTheBackupCommand()
    {
        var output = new StringWriter();

        Assert.Equal(0, await ServerCommandLine.RunAsync(["--help"], output, new StringWriter(), TextReader.Null).WithTimeout());

        var help = output.ToString();
        Assert.Contains("--retain-days", help, StringComparison.Ordinal);
        Assert.Contains("--retain-lines", help, StringComparison.Ordinal);
        Assert.Contains("backup <path>", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, 0, 1000)]
    [InlineData(50, 200, 200)]
    [InlineData(500, 200, 500)]
    [InlineData(2000, 0, 2000)]
    public void TheMemoryStoreKeepsTheRetainedLinesButNeverFewerThanANewcomerSees(int onJoin, int retainLines, int kept) =>
        Assert.Equal(kept, (ChatServerOptions.Default with { HistoryLength = onJoin, RetainLinesPerRoom = retainLines }).MemoryLinesPerRoom);

    [Fact]
    public void TheRetentionReachesTheSqliteStore()
    {
        var retention = (ChatServerOptions.Default with { RetainDays = 7, RetainLinesPerRoom = 100 }).SqliteRetention;

        Assert.Equal(new SqliteRetention(7, 100, TimeSpan.FromMinutes(1)), retention);
        Assert.True(retention.Prunes);
        Assert.False(ChatServerOptions.Default.SqliteRetention.Prunes);
    }
}
