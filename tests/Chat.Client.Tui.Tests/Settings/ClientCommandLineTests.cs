using Chat.Client.Tui.Settings;

namespace Chat.Client.Tui.Tests.Settings;

public sealed class ClientCommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatroom-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WithNothingConfiguredTheDefaultsApply()
    {
        Assert.Equal(ClientSettings.Default, Read([]));
    }

    [Fact]
    public void TheCommandLineWinsOverTheFileWhichWinsOverTheDefaults()
    {
        WriteConfig("""{ "server": "chat.example.com:6000", "name": "alice", "timestamps": "seconds" }""");

        var fromFile = Read([]);
        Assert.Equal(("chat.example.com", 6000, "alice", TimestampStyle.Seconds), (fromFile.Host, fromFile.Port, fromFile.Name, fromFile.Timestamps));

        var overridden = Read(["--host", "127.0.0.1:5001", "--name", "bob", "--timestamps", "off"]);
        Assert.Equal(("127.0.0.1", 5001, "bob", TimestampStyle.Off), (overridden.Host, overridden.Port, overridden.Name, overridden.Timestamps));
    }

    [Theory]
    [InlineData(new[] { "--host", "10.0.0.1:6001" }, "10.0.0.1", 6001)]
    [InlineData(new[] { "--host", "10.0.0.1", "--port", "6002" }, "10.0.0.1", 6002)]
    [InlineData(new[] { "--host", "[::1]:6003" }, "::1", 6003)]
    [InlineData(new[] { "--host", "::1" }, "::1", 5000)]
    [InlineData(new[] { "-p", "6004" }, "127.0.0.1", 6004)]
    [InlineData(new[] { "--host", "10.0.0.1:6005", "--port", "6005" }, "10.0.0.1", 6005)]
    public void HostAcceptsHostColonPort(string[] args, string host, int port)
    {
        var settings = Read(args);
        Assert.Equal((host, port), (settings.Host, settings.Port));
    }

    [Fact]
    public void TwoDifferentPortsAreAnError()
    {
        Assert.Contains("--host says port 5000 but --port says 6000", ReadError(["--host", "h:5000", "--port", "6000"]), StringComparison.Ordinal);
    }

    [Fact]
    public void NoColorAndMonoAndNoBell()
    {
        Assert.True(Read([], noColor: "1").Mono);
        Assert.False(Read([], noColor: "").Mono);
        Assert.True(Read(["--mono"]).Mono);
        Assert.False(Read(["--no-bell"]).Bell);
        Assert.True(Read([]).Bell);
    }

    [Fact]
    public void TlsIsOffUnlessTheFileOrTheCommandLineTurnsItOn()
    {
        Assert.False(Read([]).Tls);
        Assert.True(Read(["--tls"]).Tls);

        WriteConfig("""{ "tls": true }""");
        Assert.True(Read([]).Tls);
    }

    [Fact]
    public void ANamedConfigFileMustExistAndABadOneIsAnError()
    {
        Assert.Contains("does not exist", ReadError(["--config", Path.Combine(_folder, "nope.json")]), StringComparison.Ordinal);

        var bad = Path.Combine(_folder, "bad.json");
        File.WriteAllText(bad, """{ "bel": true }""");
        Assert.Contains("line 1: \"bel\" is not a setting", ReadError(["--config", bad]), StringComparison.Ordinal);
    }

    [Fact]
    public void APasswordFileIsCheckedAndOnlyItsPathKept()
    {
        var path = Path.Combine(_folder, "password");
        Assert.Contains("does not exist", ReadError(["--password-file", path]), StringComparison.Ordinal);

        File.WriteAllText(path, "s3cret\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            Assert.Contains("chmod 600", ReadError(["--password-file", path]), StringComparison.Ordinal);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var settings = Read(["--password-file", path]);
        Assert.Equal(path, settings.PasswordFile);
        Assert.DoesNotContain("s3cret", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ANamePasswordFileIsCheckedAndOnlyItsPathKept()
    {
        var path = Path.Combine(_folder, "name-password");
        Assert.Contains("--name-password-file", ReadError(["--name-password-file", path]), StringComparison.Ordinal);

        File.WriteAllText(path, "correct horse\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var settings = Read(["--name-password-file", path]);
        Assert.Equal((path, (string?)null), (settings.NamePasswordFile, settings.PasswordFile));
        Assert.DoesNotContain("correct horse", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timestamps", "hours", "--timestamps must be minutes, seconds or off.")]
    [InlineData("--port", "0", "--port must be between 1 and 65535.")]
    [InlineData("--host", "h:0", "is not a port")]
    public void BadOptionsAreParseErrors(string option, string value, string expected)
    {
        var commandLine = new ClientCommandLine(_ => 0, Environment);
        var result = commandLine.Root.Parse([option, value]);
        Assert.Contains(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    private void WriteConfig(string json)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "chatroom"));
        File.WriteAllText(Path.Combine(_folder, "chatroom", "client.json"), json);
    }

    private string? Environment(string name) => Environment(name, noColor: null);

    private string? Environment(string name, string? noColor) => name switch
    {
        "XDG_CONFIG_HOME" => _folder,
        "HOME" => _folder,
        "NO_COLOR" => noColor,
        _ => null,
    };

    private ClientSettings Read(string[] args, string? noColor = null)
    {
        var commandLine = new ClientCommandLine(_ => 0, name => Environment(name, noColor));
        var result = commandLine.Root.Parse(args);
        Assert.Empty(result.Errors);
        Assert.True(commandLine.TryRead(result, name => Environment(name, noColor), out var settings, out var error), error);
        return settings;
    }

    private string ReadError(string[] args)
    {
        var commandLine = new ClientCommandLine(_ => 0, Environment);
        var result = commandLine.Root.Parse(args);
        Assert.Empty(result.Errors);
        Assert.False(commandLine.TryRead(result, Environment, out _, out var error));
        return error;
    }
}
