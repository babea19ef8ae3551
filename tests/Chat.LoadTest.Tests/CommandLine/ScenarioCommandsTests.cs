using System.Globalization;
using Chat.LoadTest.CommandLine;
using Chat.LoadTest.Scenarios;
using static Chat.LoadTest.Tests.Support.CommandLineReading;

namespace Chat.LoadTest.Tests.CommandLine;

public class ScenarioCommandsTests
{
    private const string SendersError = "--senders must be between 1 and the number of clients.";
    private const string RateError = "--rate must be more than 0 and at most 100000.";
    private const string DurationError = "--duration must be more than 0 and at most 3600 seconds.";
    private const string WarmupError = "--warmup must be 0 or more, and senders x warm-up lines at most 999,999,999.";

    // The messages format their numbers for the person reading them, in the current culture.
    private static readonly string ClientsError =
        $"--clients must be between 1 and {ScenarioCommand.MaxClients.ToString("N0", CultureInfo.CurrentCulture)}.";

    private static readonly string SendersTimesLinesError =
        $"senders x lines must be at most {999_999_999.ToString("N0", CultureInfo.CurrentCulture)}.";

    [Fact]
    public void ThereIsOneCommandPerScenario()
    {
        var names = ScenarioCommands.Build().Subcommands.Select(c => c.Name);

        Assert.Equal(["fanout", "paced", "join", "idle", "slowreaders", "rooms"], names);
    }

    [Fact]
    public void RoomsDefaultToAThousandClientsInAHundredRoomsOfTenAtTenLinesASecondForTenSeconds()
    {
        var rooms = Scenario<RoomsScenario>("rooms");

        Assert.Equal((100, 10, 1000), (rooms.Rooms, rooms.RoomSize, rooms.Clients));
        Assert.Equal(10, rooms.Rate);
        Assert.Equal(TimeSpan.FromSeconds(10), rooms.Duration);
        Assert.Equal(100, rooms.LinesPerRoom);
        Assert.Equal((50, 10.0, 5), (rooms.LobbyLines, rooms.LobbyRate, rooms.WarmupLines));
    }

    [Fact]
    public void RoomsReadTheirOptions()
    {
        var rooms = Scenario<RoomsScenario>(
            "rooms", "--rooms", "3", "--room-size", "4", "--rate", "2", "--duration", "1.5", "--lobby-lines", "0", "--lobby-rate", "7", "--warmup", "0");

        Assert.Equal((3, 4, 12), (rooms.Rooms, rooms.RoomSize, rooms.Clients));
        Assert.Equal(3, rooms.LinesPerRoom);
        Assert.Equal((0, 7.0, 0), (rooms.LobbyLines, rooms.LobbyRate, rooms.WarmupLines));
    }

    [Theory]
    [InlineData("--rooms", "0")]
    [InlineData("--room-size", "0")]
    [InlineData("--room-size", "1000")] // 100 x 1,000 = 100,000 clients: one more than the user names hold
    public void RoomsRefuseRoomCountsOutOfRange(string option, string value)
    {
        Assert.Equal(
            $"--rooms and --room-size must be at least 1, and rooms x room size at most {ScenarioCommand.MaxClients.ToString("N0", CultureInfo.CurrentCulture)} clients.",
            Error("rooms", option, value));
    }

    [Theory]
    [InlineData("--rate", "0", "--rate and --lobby-rate must be more than 0 and at most 100000.")]
    [InlineData("--lobby-rate", "-1", "--rate and --lobby-rate must be more than 0 and at most 100000.")]
    [InlineData("--duration", "0", "--duration must be more than 0 and at most 3600 seconds.")]
    [InlineData("--lobby-lines", "-1", "--lobby-lines and --warmup must be 0 or more.")]
    [InlineData("--warmup", "-1", "--lobby-lines and --warmup must be 0 or more.")]
    public void RoomsRefuseOptionsOutOfRange(string option, string value, string error)
    {
        Assert.Equal(error, Error("rooms", option, value));
    }

    [Fact]
    public void RoomsSequenceNumbersMustFitTheLinePrefix()
    {
        // 100 rooms x 10,000,000 lines = 10^9: one more than nine digits hold.
        Assert.Equal(
            $"rooms x lines per room + lobby lines must be at most {999_999_999.ToString("N0", CultureInfo.CurrentCulture)}.",
            Error("rooms", "--rate", "100000", "--duration", "100"));
    }

    [Fact]
    public void SlowReadersDefaultToTwentyNeverReadingConnectionsBesideTenClients()
    {
        var slow = Scenario<SlowReadersScenario>("slowreaders");

        Assert.Equal(10, slow.Clients);
        Assert.Equal(20, slow.SlowReaders);
        Assert.Equal(8000, slow.LinesToSend);
    }

    [Fact]
    public void SlowReadersReadTheirOptions()
    {
        var slow = Scenario<SlowReadersScenario>("slowreaders", "--clients", "3", "--slow-readers", "5", "--rate", "100", "--duration", "2");

        Assert.Equal((3, 5, 200), (slow.Clients, slow.SlowReaders, slow.LinesToSend));
    }

    [Theory]
    [InlineData("--slow-readers", "0", "--clients must be at least 1 and --slow-readers from 1 to 1000.")]
    [InlineData("--rate", "0", "--rate must be more than 0 and at most 100000, --duration more than 0 and at most 3600 seconds.")]
    [InlineData("--duration", "-1", "--rate must be more than 0 and at most 100000, --duration more than 0 and at most 3600 seconds.")]
    public void SlowReadersRefuseOptionsOutOfRange(string option, string value, string error)
    {
        Assert.Equal(error, Error("slowreaders", option, value));
    }

    [Fact]
    public void FanoutDefaultsToEveryOneOfAHundredClientsSendingAHundredLines()
    {
        var fanout = Scenario<FanoutScenario>("fanout");

        Assert.Equal(100, fanout.Clients);
        Assert.Equal(100, fanout.Senders);
        Assert.Equal(100, fanout.LinesPerSender);
        Assert.Equal(32, fanout.Window);
    }

    [Fact]
    public void FanoutReadsItsOptions()
    {
        var fanout = Scenario<FanoutScenario>("fanout", "--clients", "10", "--senders", "3", "--lines", "7", "--window", "2", "--warmup", "0");

        Assert.Equal(10, fanout.Clients);
        Assert.Equal(3, fanout.Senders);
        Assert.Equal(7, fanout.LinesPerSender);
        Assert.Equal(2, fanout.Window);
    }

    [Fact]
    public void FanoutSendersDefaultToTheClients()
    {
        Assert.Equal(12, Scenario<FanoutScenario>("fanout", "--clients", "12").Senders);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("-1")]
    public void FanoutSendersMustBeSomeOfTheClients(string senders)
    {
        Assert.Equal(SendersError, Error("fanout", "--clients", "10", "--senders", senders));
    }

    [Fact]
    public void FanoutSendersMustSendALine()
    {
        Assert.Equal("every sender must send at least one line.", Error("fanout", "--lines", "0"));
    }

    [Fact]
    public void FanoutSequenceNumbersMustFitTheLinePrefix()
    {
        // 100 senders x 10,000,000 lines = 10^9: one more than nine digits hold.
        Assert.Equal(SendersTimesLinesError, Error("fanout", "--lines", "10000000"));
        Assert.Equal(9_999_999, Scenario<FanoutScenario>("fanout", "--lines", "9999999").LinesPerSender);
    }

    [Fact]
    public void FanoutWindowMustBeAtLeastOne()
    {
        Assert.Equal("--window must be at least 1.", Error("fanout", "--window", "0"));
    }

    [Fact]
    public void WarmupMustNotBeNegative()
    {
        Assert.Equal(WarmupError, Error("fanout", "--warmup", "-1"));
        Assert.Equal(WarmupError, Error("paced", "--warmup", "-1"));
    }

    [Fact]
    public void WarmupSequenceNumbersMustFitTheLinePrefix()
    {
        // 100 senders x 10,000,000 lines = 10^9.
        Assert.Equal(WarmupError, Error("fanout", "--warmup", "10000000"));
        Assert.Empty(Read("fanout", "--warmup", "9999999").Errors);
    }

    [Fact]
    public void PacedDefaultsToTenSendersOfAThousandClientsAtAHundredLinesASecondForTenSeconds()
    {
        var paced = Scenario<PacedScenario>("paced");

        Assert.Equal(1000, paced.Clients);
        Assert.Equal(10, paced.Senders);
        Assert.Equal(100, paced.Rate);
        Assert.Equal(TimeSpan.FromSeconds(10), paced.Duration);
        Assert.Equal(1000, paced.LinesPerSender);
    }

    [Theory]
    [InlineData("2.5", "4", 10)]
    [InlineData("10", "1.04", 10)]   // 10.4 rounds to 10
    [InlineData("10", "1.06", 11)]   // 10.6 rounds to 11
    [InlineData("0.01", "10", 1)]    // 0.1 lines: still one
    public void PacedSendsRateTimesDurationLines(string rate, string duration, int lines)
    {
        var paced = Scenario<PacedScenario>("paced", "--clients", "20", "--senders", "2", "--rate", rate, "--duration", duration);

        Assert.Equal(lines, paced.LinesPerSender);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-10")]
    [InlineData("100001")]
    [InlineData("NaN")]
    public void PacedRateMustBeMoreThanZeroAndAtMost100000(string rate)
    {
        Assert.Equal(RateError, Error("paced", "--rate", rate, "--duration", "1"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("3601")]
    [InlineData("NaN")]
    public void PacedDurationMustBeMoreThanZeroAndAtMostAnHour(string duration)
    {
        Assert.Equal(DurationError, Error("paced", "--duration", duration));
    }

    [Fact]
    public void PacedSequenceNumbersMustFitTheLinePrefix()
    {
        // 10 senders x (100,000 lines/s x 3,600 s) = 3.6 x 10^9.
        Assert.Equal(SendersTimesLinesError, Error("paced", "--rate", "100000", "--duration", "3600"));
    }

    [Fact]
    public void PacedSendersMustBeSomeOfTheClients()
    {
        Assert.Equal(SendersError, Error("paced", "--clients", "5", "--senders", "6"));
    }

    [Fact]
    public void JoinAndIdleReadTheirClients()
    {
        Assert.Equal(10, Scenario<JoinScenario>("join", "--clients", "10").Clients);
        Assert.Equal(10, Scenario<IdleScenario>("idle", "--clients", "10").Clients);
    }

    [Theory]
    [InlineData("join")]
    [InlineData("idle")]
    public void JoinAndIdleDefaultToTenThousandClients(string command)
    {
        var (_, scenario, errors) = Read(command);

        Assert.Equal(10_000, scenario switch
        {
            JoinScenario join => join.Clients,
            IdleScenario idle => idle.Clients,
            _ => -1,
        });

        // The only complaint ten thousand clients may draw is a low limit on open files.
        Assert.All(errors, e => Assert.EndsWith("(ulimit -n).", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("join", "0")]
    [InlineData("join", "100000")]
    [InlineData("idle", "-5")]
    [InlineData("idle", "100000")]
    [InlineData("fanout", "100000")]
    [InlineData("paced", "100000")]
    public void ClientsMustBeBetweenOneAnd99999(string command, string clients)
    {
        var (_, _, errors) = Read(command, "--clients", clients);

        Assert.Contains(ClientsError, errors);
    }

    [Fact]
    public void ClientsNeedAnOpenFileEachAndTwoHundredToSpare()
    {
        var limit = FileDescriptorLimit.Read();
        if (limit is { } known && known - 200 < ScenarioCommand.MaxClients)
        {
            var fits = (int)Math.Max(1, known - 200);
            Assert.Empty(Read("join", "--clients", Text(fits)).Errors);

            var tooMany = fits + 1;
            Assert.Equal(
                $"{tooMany.ToString("N0", CultureInfo.CurrentCulture)} clients need about {(tooMany + 200).ToString("N0", CultureInfo.CurrentCulture)} open files, "
                    + $"but this process may open {known.ToString("N0", CultureInfo.CurrentCulture)} (ulimit -n).",
                Error("join", "--clients", Text(tooMany)));
        }
        else
        {
            // No limit, or one above what a run may ask for: every allowed count is accepted.
            Assert.Empty(Read("join", "--clients", Text(ScenarioCommand.MaxClients)).Errors);
        }
    }

    [Fact]
    public void TheCommonOptionsAndTheScenariosAreCheckedTogether()
    {
        var (_, _, errors) = Read("fanout", "--host", "10.0.0.1", "--clients", "0", "--window", "0");

        Assert.Equal(
            [
                "--host 10.0.0.1: the load generator only uses loopback addresses (127.0.0.1, ::1, localhost).",
                SendersError,
                "--window must be at least 1.",
                ClientsError,
            ],
            errors);
    }

    [Fact]
    public void AnUnknownScenarioIsAParseError()
    {
        var parse = ScenarioCommands.Build().Parse(["stampede"]);

        Assert.NotEmpty(parse.Errors);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
