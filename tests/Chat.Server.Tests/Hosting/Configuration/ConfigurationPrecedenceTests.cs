using System.Net;

namespace Chat.Server.Tests.Hosting.Configuration;

public sealed class ConfigurationPrecedenceTests : IDisposable
{
    private readonly ConfigurationFixture _files = new();

    [Fact]
    public void TheFileSetsWhatTheCommandLineDoesNotGive()
    {
        var path = _files.Write("""{ "port": 6000, "address": "::1", "rate": 2.5, "motd": "hello", "history": "memory" }""");

        var options = ConfigurationFixture.Options(null, "--config", path);

        Assert.Equal(6000, options.Port);
        Assert.Equal(IPAddress.IPv6Loopback, options.Address);
        Assert.Equal(2.5, options.MessageRate);
        Assert.Equal("hello", options.MessageOfTheDay);
        Assert.Equal(HistoryStoreKind.Memory, options.HistoryStore);
        Assert.Equal(ChatServerOptions.Default.MaxClients, options.MaxClients);
    }

    [Fact]
    public void TheEnvironmentWinsOverTheFileAndTheCommandLineOverBoth()
    {
        var path = _files.Write("""{ "port": 6000, "max-clients": 50, "burst": 7 }""");
        var environment = ConfigurationFixture.Environment(("CHATROOM_PORT", "7000"), ("CHATROOM_MAX_CLIENTS", "60"));

        var options = ConfigurationFixture.Options(environment, "--config", path, "--port", "8000");

        Assert.Equal(8000, options.Port);
        Assert.Equal(60, options.MaxClients);
        Assert.Equal(7, options.MessageBurst);
        Assert.Equal(ChatServerOptions.Default.MessageRate, options.MessageRate);
    }

    [Fact]
    public void AnAliasOnTheCommandLineWinsToo()
    {
        var path = _files.Write("""{ "port": 6000 }""");

        Assert.Equal(9000, ConfigurationFixture.Options(ConfigurationFixture.Environment(("CHATROOM_PORT", "7000")), "--config", path, "-p", "9000").Port);
    }

    [Theory]
    [InlineData("max-clients")]
    [InlineData("maxClients")]
    [InlineData("MAX_CLIENTS")]
    [InlineData("Max-Clients")]
    [InlineData("max_clients")]
    public void AFileKeyMatchesIgnoringCaseDashesAndUnderscores(string key)
    {
        var path = _files.Write($$"""{ "{{key}}": 77 }""");

        Assert.Equal(77, ConfigurationFixture.Options(null, "--config", path).MaxClients);
    }

    [Theory]
    [InlineData("CHATROOM_MAX_CLIENTS")]
    [InlineData("CHATROOM_MAXCLIENTS")]
    [InlineData("CHATROOM_max-clients")]
    [InlineData("CHATROOM_MaxClients")]
    public void AnEnvironmentVariableMatchesIgnoringCaseDashesAndUnderscores(string variable)
    {
        Assert.Equal(78, ConfigurationFixture.Options(ConfigurationFixture.Environment((variable, "78"))).MaxClients);
    }

    [Fact]
    public void ChatroomConfigNamesTheFileWhenTheCommandLineDoesNot()
    {
        var path = _files.Write("""{ "port": 6001 }""");
        var other = _files.Write("""{ "port": 6002 }""", "other.json");
        var environment = ConfigurationFixture.Environment(("CHATROOM_CONFIG", path));

        Assert.Equal(6001, ConfigurationFixture.Options(environment).Port);
        Assert.Equal(6002, ConfigurationFixture.Options(environment, "--config", other).Port);
    }

    [Fact]
    public void AListIsAJsonArrayInTheFile()
    {
        var path = _files.Write("""{ "room": ["#dev", "#Ops"], "exempt": ["10.0.0.0/8", "::1"] }""");

        var options = ConfigurationFixture.Options(null, "--config", path);

        Assert.Equal(["#dev", "#Ops"], options.Rooms);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("::1/128")], options.Exempt);
    }

    [Fact]
    public void AListIsCommaSeparatedOrOneVariablePerItemInTheEnvironment()
    {
        var environment = ConfigurationFixture.Environment(
            ("CHATROOM_ROOM", "#dev, #ops,"), ("CHATROOM_EXEMPT__0", "10.0.0.0/8"), ("CHATROOM_EXEMPT__1", "192.168.0.0/16"));

        var options = ConfigurationFixture.Options(environment);

        Assert.Equal(["#dev", "#ops"], options.Rooms);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("192.168.0.0/16")], options.Exempt);
    }

    [Fact]
    public void AListFromAHigherSourceReplacesTheWholeListOfALowerOne()
    {
        var path = _files.Write("""{ "room": ["#a", "#b", "#c"] }""");

        Assert.Equal(["#d"], ConfigurationFixture.Options(ConfigurationFixture.Environment(("CHATROOM_ROOM", "#d")), "--config", path).Rooms);
        Assert.Equal(["#e", "#f"], ConfigurationFixture.Options(ConfigurationFixture.Environment(("CHATROOM_ROOM", "#d")), "--config", path, "--room", "#e", "--room", "#f").Rooms);
        Assert.Empty(ConfigurationFixture.Options(ConfigurationFixture.Environment(("CHATROOM_ROOM", string.Empty)), "--config", path).Rooms);
    }

    [Fact]
    public void ASwitchIsJsonTrueOrFalseAndTheEnvironmentSaysTrueOrFalse()
    {
        var on = _files.Write("""{ "operator-creates-rooms": true }""");
        var off = _files.Write("""{ "operator-creates-rooms": false }""", "off.json");

        Assert.True(ConfigurationFixture.Options(null, "--config", on).OperatorCreatesRooms);
        Assert.False(ConfigurationFixture.Options(null, "--config", off).OperatorCreatesRooms);
        Assert.False(ConfigurationFixture.Options(ConfigurationFixture.Environment(("CHATROOM_OPERATOR_CREATES_ROOMS", "False")), "--config", on).OperatorCreatesRooms);
        Assert.True(ConfigurationFixture.Options(ConfigurationFixture.Environment(("CHATROOM_OPERATOR_CREATES_ROOMS", "false")), "--operator-creates-rooms").OperatorCreatesRooms);
    }

    [Fact]
    public void AValueThatLooksLikeAnOptionOrAResponseFileStaysAValue()
    {
        var path = _files.Write("""{ "motd": "--help", "server-name": "@team" }""");

        var options = ConfigurationFixture.Options(null, "--config", path);

        Assert.Equal("--help", options.MessageOfTheDay);
        Assert.Equal("@team", options.ServerName);
    }

    [Fact]
    public void AnEmptyTextIsAValueAndNullLeavesTheDefault()
    {
        var path = _files.Write("""{ "motd": "", "frame-rate": null, "port": null }""");
        var environment = ConfigurationFixture.Environment(("CHATROOM_MOTD", string.Empty));

        var options = ConfigurationFixture.Options(null, "--config", path, "--motd", "hi");
        Assert.Equal("hi", options.MessageOfTheDay);
        Assert.Equal(string.Empty, ConfigurationFixture.Options(null, "--config", path).MessageOfTheDay);
        Assert.Equal(string.Empty, ConfigurationFixture.Options(environment).MessageOfTheDay);
        Assert.Null(ConfigurationFixture.Options(null, "--config", path).FrameRate);
        Assert.Equal(ChatServerOptions.Default.Port, ConfigurationFixture.Options(null, "--config", path).Port);
    }

    [Fact]
    public void CommentsAndTrailingCommasAreAllowed()
    {
        var path = _files.Write("""
            // the team's server
            {
              "port": 6003, /* a block comment */
              "room": ["#dev",],
            }
            """);

        var options = ConfigurationFixture.Options(null, "--config", path);

        Assert.Equal(6003, options.Port);
        Assert.Equal(["#dev"], options.Rooms);
    }

    [Fact]
    public async Task HelpAndTheSubcommandsDoNotReadTheConfiguration()
    {
        var broken = _files.Write("{ not json");
        var environment = ConfigurationFixture.Environment(("CHATROOM_CONFIG", broken), ("CHATROOM_PROT", "1"));

        var (helpExit, help, _) = await ConfigurationFixture.RunAsync(environment, "--config", broken, "--help");
        var (certExit, certHelp, _) = await ConfigurationFixture.RunAsync(environment, "make-cert", "--help");

        Assert.Equal(0, helpExit);
        Assert.Contains("--config <file>", help, StringComparison.Ordinal);
        Assert.Contains("--print-config", help, StringComparison.Ordinal);
        Assert.Equal(0, certExit);
        Assert.Contains("make-cert", certHelp, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
