using Chat.Client.Tui.Connection;
using Chat.Protocol;

namespace Chat.Client.Tui.Tests.Connection;

public sealed class KnownHostsTests : IDisposable
{
    private static readonly string First = ChatTlsOptions.FingerprintOf(TestCertificates.Localhost);
    private static readonly string Second = new string('A', 64);

    private readonly string _folder = Directory.CreateTempSubdirectory("chatroom-known-hosts-").FullName;

    private string FilePath => Path.Combine(_folder, "chatroom", "known_hosts");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TheFileIsInTheXdgDataFolder()
    {
        Assert.Equal("/data/chatroom/known_hosts", KnownHosts.DefaultPath(name => name == "XDG_DATA_HOME" ? "/data" : "/home/alice"));
        Assert.Equal("/home/alice/.local/share/chatroom/known_hosts", KnownHosts.DefaultPath(name => name == "HOME" ? "/home/alice" : null));
        Assert.Equal("/home/alice/.local/share/chatroom/known_hosts", KnownHosts.DefaultPath(name => name == "HOME" ? "/home/alice" : "relative"));
        Assert.Null(KnownHosts.DefaultPath(_ => null));
    }

    [Fact]
    public void ARememberedFingerprintIsFoundAgainByAnotherReaderOfTheFile()
    {
        new KnownHosts(FilePath).Remember("chat.example.org:5000", First);

        var again = new KnownHosts(FilePath);
        Assert.Equal(First, again.Find("chat.example.org:5000"));
        Assert.Equal(First, again.Find("CHAT.example.org:5000"));
        Assert.Null(again.Find("chat.example.org:5001"));
        Assert.Contains("chat.example.org:5000 " + First, File.ReadAllLines(FilePath));
    }

    [Fact]
    public void TheFileIsReadableByItsOwnerOnly()
    {
        new KnownHosts(FilePath).Remember("chat.example.org:5000", First);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        }
    }

    [Fact]
    public void RememberingAgainReplacesTheServersLineAndKeepsEveryOtherLine()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllLines(FilePath, ["# my servers", "other.example.org:5000 " + Second.ToLowerInvariant(), "chat.example.org:5000 " + First, "a line this client cannot read"]);
        var hosts = new KnownHosts(FilePath);

        hosts.Remember("chat.example.org:5000", Second);

        var lines = File.ReadAllLines(FilePath);
        Assert.Equal(["# my servers", "other.example.org:5000 " + Second.ToLowerInvariant(), "a line this client cannot read"], lines[..3]);
        Assert.Equal(ChatTlsOptions.Pinned(Second).PinnedFingerprint, hosts.Find("chat.example.org:5000"));
        Assert.Equal(ChatTlsOptions.Pinned(Second).PinnedFingerprint, hosts.Find("other.example.org:5000"));
        Assert.Single(lines, line => line.StartsWith("chat.example.org:5000 ", StringComparison.Ordinal));
    }

    [Fact]
    public void DeletingTheLineForgetsTheServer()
    {
        var hosts = new KnownHosts(FilePath);
        new KnownHosts(FilePath).Remember("chat.example.org:5000", First);
        File.WriteAllLines(FilePath, File.ReadAllLines(FilePath).Where(line => !line.StartsWith("chat.example.org:5000", StringComparison.Ordinal)));

        Assert.Null(hosts.Find("chat.example.org:5000"));
    }

    [Fact]
    public void WithoutAFileTheAnswerLastsForThisRunOnly()
    {
        var hosts = new KnownHosts(null);

        hosts.Remember("chat.example.org:5000", First);

        Assert.Equal(First, hosts.Find("chat.example.org:5000"));
        Assert.Null(new KnownHosts(null).Find("chat.example.org:5000"));
    }

    [Fact]
    public void TheWarningSaysWhatChangedAndHowToAcceptIt()
    {
        var text = new KnownHosts(FilePath).DescribeChange("chat.example.org:5000", First, "BB:CC");

        Assert.StartsWith($"WARNING: the certificate of chat.example.org:5000 has changed. It was {First}, and it is now BB:CC.", text, StringComparison.Ordinal);
        Assert.Contains($"delete the line for chat.example.org:5000 from {FilePath} and connect again", text, StringComparison.Ordinal);
    }
}
