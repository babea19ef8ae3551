using Chat.LoadTest.CommandLine;
using static Chat.LoadTest.Tests.Support.CommandLineReading;

namespace Chat.LoadTest.Tests.CommandLine;

/// <summary>The options every scenario has, read through the fanout command (100 clients by default).</summary>
public class CommonOptionsTests
{
    [Fact]
    public void TheDefaultsStartTheReleaseServerOfThisRepository()
    {
        var settings = Settings("fanout");

        Assert.True(Path.IsPathFullyQualified(settings.ServerDll));
        Assert.EndsWith(Path.Combine("src", "Chat.Server", "bin", "Release", "net10.0", "Chat.Server.dll"), settings.ServerDll, StringComparison.Ordinal);
        var repository = Path.GetFullPath(Path.Combine(settings.ServerDll, "..", "..", "..", "..", "..", ".."));
        Assert.True(File.Exists(Path.Combine(repository, "ChatRoom.sln")), $"{repository} holds no ChatRoom.sln");
        Assert.True(settings.StartsServer);
        Assert.Null(settings.Port);
        Assert.Null(settings.ServerPid);
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal(["--max-clients", "20000", "--rate", "0", "--send-queue", "100000", "--console-socket", "none", "--log-level", "warning"], settings.ServerArguments);
        Assert.Equal(TimeSpan.FromSeconds(120), settings.Timeout);
        Assert.Equal(1, settings.Runs);
        Assert.Equal(100, settings.ConnectConcurrency);
        Assert.Equal(20, settings.PresenceSample);
        Assert.False(settings.PresenceForAll);
        Assert.True(settings.ThinClients);
        Assert.Equal(80, settings.TextLength);
        Assert.False(settings.Tls);
    }

    [Theory]
    [InlineData("fanout")]
    [InlineData("paced")]
    [InlineData("idle")]
    public void TheScenariosIssue17MeasuresHaveThinClientsThatDeclinePresenceByDefault(string scenario)
    {
        var settings = Settings(scenario);

        Assert.False(settings.PresenceForAll);
        Assert.True(settings.ThinClients);
        Assert.False(Settings(scenario, "--client", "library").ThinClients);
        Assert.True(Settings(scenario, "--presence", "all").PresenceForAll);
    }

    [Fact]
    public void JoiningKeepsPresenceForAllAndMayUseThinClientsForTheOthers()
    {
        Assert.True(Settings("join").PresenceForAll);
        Assert.True(Settings("join", "--presence", "sampled").ThinClients);
        Assert.False(Settings("join", "--client", "library").ThinClients);
    }

    [Theory]
    [InlineData("rooms")]
    [InlineData("slowreaders")]
    public void TheScenariosOnConnectionLevelApisKeepLibraryClientsAndPresenceForAll(string scenario)
    {
        var settings = Settings(scenario);

        Assert.True(settings.PresenceForAll);
        Assert.False(settings.ThinClients);
        Assert.NotEmpty(ScenarioCommands.Build().Parse([scenario, "--client", "thin"]).Errors);
    }

    [Fact]
    public void TheClientIsThinEpollOrLibrary()
    {
        Assert.Equal("--client fat: say thin, epoll or library.", Error("fanout", "--client", "fat"));
    }

    [Fact]
    public void EpollClientsAreTheDefaultThinClientsReadByTheReceiveThreadsAskedFor()
    {
        var epoll = Settings("paced", "--receive-threads", "3");
        var thin = Settings("paced", "--client", "thin");

        Assert.True(epoll.ThinClients);
        Assert.True(epoll.EpollClients);
        Assert.Equal(3, epoll.ReceiveThreads);
        Assert.False(thin.EpollClients);
        Assert.Equal(2, thin.ReceiveThreads);
        Assert.Equal("--receive-threads must be between 1 and 64.", Error("idle", "--client", "epoll", "--receive-threads", "0"));
    }

    [Fact]
    public void TlsIsForAStartedServer()
    {
        Assert.True(Settings("fanout", "--tls").Tls);
        Assert.Equal("--tls works with a server the load generator starts, not with --port.", Error("fanout", "--tls", "--port", "5000"));
    }

    [Fact]
    public void GoodValuesAreReadIntoTheSettings()
    {
        var settings = Settings(
            "fanout", "--port", "5000", "--server-pid", "4321", "--host", "::1", "--timeout", "30.5", "--runs", "3",
            "--connect-concurrency", "7", "--presence", "sampled", "--presence-sample", "5", "--text-length", "200");

        Assert.False(settings.StartsServer);
        Assert.Equal(5000, settings.Port);
        Assert.Equal(4321, settings.ServerPid);
        Assert.Equal("::1", settings.Host);
        Assert.Equal(TimeSpan.FromSeconds(30.5), settings.Timeout);
        Assert.Equal(3, settings.Runs);
        Assert.Equal(7, settings.ConnectConcurrency);
        Assert.Equal(5, settings.PresenceSample);
        Assert.False(settings.PresenceForAll);
        Assert.Equal(200, settings.TextLength);
    }

    [Fact]
    public void ServerArgumentsAreOneStringSplitOnSpaces()
    {
        var settings = Settings("fanout", "--server-args", "--rate 0   --history-on-join  50 ");

        Assert.Equal(["--rate", "0", "--history-on-join", "50"], settings.ServerArguments);
    }

    [Fact]
    public void EmptyServerArgumentsAreNone()
    {
        Assert.Empty(Settings("fanout", "--server-args", "").ServerArguments);
    }

    [Fact]
    public void AServerDllIsMadeAbsolute()
    {
        var settings = Settings("fanout", "--server-dll", "some/where/Chat.Server.dll");

        Assert.Equal(Path.GetFullPath("some/where/Chat.Server.dll"), settings.ServerDll);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    [InlineData("localhost")]
    [InlineData("LocalHost")]
    public void LoopbackHostsAreAccepted(string host)
    {
        Assert.Equal(host, Settings("fanout", "--port", "5000", "--host", host).Host);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.1.20")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("example.com")]
    [InlineData("localhost.example.com")]
    [InlineData("")]
    public void AHostThatIsNotLoopbackIsRefused(string host)
    {
        Assert.Equal(
            $"--host {host}: the load generator only uses loopback addresses (127.0.0.1, ::1, localhost).",
            Error("fanout", "--port", "5000", "--host", host));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("65535")]
    public void PortsFromOneTo65535AreAccepted(string port)
    {
        Assert.Equal(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), Settings("fanout", "--port", port).Port);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("65536")]
    public void APortOutsideOneTo65535IsRefused(string port)
    {
        Assert.Equal("--port must be between 1 and 65535.", Error("fanout", "--port", port));
    }

    [Theory]
    [InlineData("0.001", 0.001)]
    [InlineData("3600", 3600)]
    public void TimeoutsUpToAnHourAreAccepted(string value, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Settings("fanout", "--timeout", value).Timeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("3600.5")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    public void ATimeoutOutsideAnHourIsRefused(string value)
    {
        Assert.Equal("--timeout must be more than 0 and at most 3600 seconds.", Error("fanout", "--timeout", value));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public void RunsOutsideOneToHundredAreRefused(string runs)
    {
        Assert.Equal("--runs must be between 1 and 100.", Error("fanout", "--runs", runs));
    }

    [Fact]
    public void AHundredRunsAreAccepted()
    {
        Assert.Equal(100, Settings("fanout", "--runs", "100").Runs);
    }

    [Fact]
    public void ConnectConcurrencyBelowOneIsRefused()
    {
        Assert.Equal("--connect-concurrency must be at least 1.", Error("fanout", "--connect-concurrency", "0"));
    }

    [Theory]
    [InlineData("16")]
    [InlineData("4001")]
    public void ATextLengthThatCannotHoldThePrefixOrIsTooLongIsRefused(string length)
    {
        Assert.Equal("--text-length must be between 17 and 4000.", Error("fanout", "--text-length", length));
    }

    [Theory]
    [InlineData("17")]
    [InlineData("4000")]
    public void TextLengthsFromThePrefixTo4000AreAccepted(string length)
    {
        Assert.Equal(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture), Settings("fanout", "--text-length", length).TextLength);
    }

    [Theory]
    [InlineData("some")]
    [InlineData("none")]
    [InlineData("")]
    public void PresenceMustBeAllOrSampled(string presence)
    {
        Assert.Equal($"--presence {presence}: say all or sampled.", Error("fanout", "--presence", presence));
    }

    [Fact]
    public void PresenceSampledNeedsAtLeastOneSampledClient()
    {
        Assert.Equal(
            "--presence sampled needs --presence-sample of at least 1: those are the clients that receive presence.",
            Error("fanout", "--presence", "sampled", "--presence-sample", "0"));
    }

    [Fact]
    public void PresenceForAllNeedsNoSample()
    {
        var settings = Settings("fanout", "--presence", "all", "--presence-sample", "0");

        Assert.True(settings.PresenceForAll);
        Assert.Equal(0, settings.PresenceSample);
    }

    [Fact]
    public void ANegativeSampleIsNone()
    {
        Assert.Equal(0, Settings("fanout", "--presence", "all", "--presence-sample", "-3").PresenceSample);
    }

    [Fact]
    public void EveryBadValueIsReportedInTheOrderOfTheOptions()
    {
        var (_, _, errors) = Read(
            "fanout", "--host", "10.1.1.1", "--port", "0", "--timeout", "0", "--runs", "0", "--connect-concurrency", "0",
            "--text-length", "5", "--presence", "maybe");

        Assert.Equal(
            [
                "--host 10.1.1.1: the load generator only uses loopback addresses (127.0.0.1, ::1, localhost).",
                "--port must be between 1 and 65535.",
                "--timeout must be more than 0 and at most 3600 seconds.",
                "--runs must be between 1 and 100.",
                "--connect-concurrency must be at least 1.",
                "--text-length must be between 17 and 4000.",
                "--presence maybe: say all or sampled.",
            ],
            errors);
    }

    [Theory]
    [InlineData("--timeout", "soon")]
    [InlineData("--port", "http")]
    [InlineData("--runs", "2.5")]
    public void AValueThatIsNotANumberIsAParseError(string option, string value)
    {
        var parse = ScenarioCommands.Build().Parse(["fanout", option, value]);

        Assert.Contains(parse.Errors, e => e.Message.Contains(value, StringComparison.Ordinal));
    }
}
