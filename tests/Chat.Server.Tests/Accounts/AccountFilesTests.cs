using Chat.Protocol;

namespace Chat.Server.Tests.Accounts;

/// <summary>accounts.json and bans.json: kept across restarts, private to the server's user, and a clear error when broken.</summary>
public class AccountFilesTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    [Trait("ProtocolRule", "R7.64")]
    public async Task ARegistrationAndABanSurviveARestartOnTheSameDataFolder()
    {
        using var folder = new TemporaryDataFolder();
        await using (var first = AccountsTestKit.Start(folder.Path))
        {
            var alice = await first.RegisterAsync("alice", "correct horse");
            await alice.LeaveAsync();
            Assert.StartsWith("Banned mallory", await first.RunAsync("ban mallory 1d spam"), StringComparison.Ordinal);
        }

        await using var second = AccountsTestKit.Start(folder.Path);
        await using var alice2 = await second.ConnectRawAsync();
        await using var mallory = await second.ConnectRawAsync();
        Assert.Equal(RejectReason.NameRegistered, Assert.IsType<Rejected>(await alice2.HelloAsync("alice", string.Empty)).Reason);
        var banned = Assert.IsType<Rejected>(await mallory.HelloAsync("mallory"));
        Assert.Equal(RejectReason.Banned, banned.Reason);
        Assert.Contains("spam", banned.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFilesAreWrittenWithMode0600InAFolderOfMode0700()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows has no Unix file modes; the server runs on Linux.
        }

        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        Assert.False(Directory.Exists(folder.Path), "The data folder was created before anything was written to it.");

        var alice = await server.RegisterAsync("alice", "correct horse");
        await server.RunAsync("ban 203.0.113.0/24");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.Path));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(folder.Path, AccountStore.FileName)));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(folder.Path, ModerationStore.FileName)));
        Assert.Equal([AccountStore.FileName, ModerationStore.FileName], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var text = await File.ReadAllTextAsync(Path.Combine(folder.Path, AccountStore.FileName));
        Assert.Contains("pbkdf2-sha256$1000$", text, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", text, StringComparison.Ordinal);
        await alice.DisposeAsync();
    }

    [Theory]
    [InlineData(AccountStore.FileName, "{ \"accounts\": [ { \"name\": \"alice\", ")]
    [InlineData(ModerationStore.FileName, "{ \"bans\": 12 }")]
    public void ABrokenFileIsAClearStartupErrorNamingIt(string fileName, string content)
    {
        using var folder = new TemporaryDataFolder();
        Directory.CreateDirectory(folder.Path);
        var path = Path.Combine(folder.Path, fileName);
        File.WriteAllText(path, content);
        var server = new ChatServer((ChatServerOptions.Default with { Port = 0 }).WithAccounts(folder.Path));

        var error = Assert.Throws<ChatException>(server.Start);

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not valid at line 1", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Fix it or move it away, then start the server again.", error.Message, StringComparison.Ordinal);
        Assert.Null(server.LocalEndPoint);
    }

    [Fact]
    public async Task TheProgramReportsABrokenFileInOneLineAndExitsWithOne()
    {
        using var folder = new TemporaryDataFolder();
        Directory.CreateDirectory(folder.Path);
        var path = Path.Combine(folder.Path, AccountStore.FileName);
        await File.WriteAllTextAsync(path, "not json");
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await ServerCommandLine.RunAsync(["--history", "memory", "--port", "0", "--data", folder.Path], output, error, TextReader.Null).WithTimeout();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"The accounts file {path} is not valid at line 1:", line, StringComparison.Ordinal);
    }
}
