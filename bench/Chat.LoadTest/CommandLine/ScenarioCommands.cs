using System.CommandLine;
using Chat.LoadTest.Scenarios;

namespace Chat.LoadTest.CommandLine;

/// <summary>The command line: one subcommand per scenario, each with the common options and its own.</summary>
internal static class ScenarioCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand(HelpText.Root);
        root.Subcommands.Add(Fanout());
        root.Subcommands.Add(Paced());
        root.Subcommands.Add(Join());
        root.Subcommands.Add(Idle());
        root.Subcommands.Add(SlowReaders());
        root.Subcommands.Add(Rooms());
        return root;
    }

    private static ScenarioCommand Rooms()
    {
        var rooms = new Option<int>("--rooms") { Description = "How many rooms the clients are spread over.", DefaultValueFactory = _ => 100 };
        var roomSize = new Option<int>("--room-size") { Description = "How many clients join each room; clients = rooms x room size.", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate") { Description = "Lines per second posted in each room, by its members in turn.", DefaultValueFactory = _ => 10 };
        var duration = new Option<double>("--duration")
        {
            Description = "How long the rooms get lines, in seconds.",
            DefaultValueFactory = _ => 10,
            HelpName = "seconds",
        };
        var lobbyLines = new Option<int>("--lobby-lines")
        {
            Description = "Lines posted to the default room afterwards, where every client is; 0 for none.",
            DefaultValueFactory = _ => 50,
        };
        var lobbyRate = new Option<double>("--lobby-rate") { Description = "Lines per second posted to the default room.", DefaultValueFactory = _ => 10 };
        var warmup = WarmupOption(5);
        warmup.Description = "Lines posted in each room and in the default room before the clock starts; 0 for none.";
        Option[] options = [rooms, roomSize, rate, duration, lobbyLines, lobbyRate, warmup];
        return new ScenarioCommand(
            "rooms",
            HelpText.Rooms,
            options,
            // Counts out of range get their own message below; the common checks see one client then.
            parse => (long)parse.GetValue(rooms) * parse.GetValue(roomSize) is var count and >= 1 and <= ScenarioCommand.MaxClients ? count : 1,
            (parse, errors) =>
            {
                var seconds = parse.GetValue(duration);
                var scenario = new RoomsScenario(
                    parse.GetValue(rooms),
                    parse.GetValue(roomSize),
                    parse.GetValue(rate),
                    TimeSpan.FromSeconds(double.IsNaN(seconds) ? 0 : Math.Clamp(seconds, 0, 3600)),
                    parse.GetValue(lobbyLines),
                    parse.GetValue(lobbyRate),
                    parse.GetValue(warmup));
                if (scenario.Rooms < 1 || scenario.RoomSize < 1 || (long)scenario.Rooms * scenario.RoomSize > ScenarioCommand.MaxClients)
                {
                    errors.Add($"--rooms and --room-size must be at least 1, and rooms x room size at most {ScenarioCommand.MaxClients:N0} clients.");
                }

                if (scenario.Rate is not (> 0 and <= 100_000) || scenario.LobbyRate is not (> 0 and <= 100_000)) // NaN too
                {
                    errors.Add("--rate and --lobby-rate must be more than 0 and at most 100000.");
                }

                if (seconds is not (> 0 and <= 3600))
                {
                    errors.Add("--duration must be more than 0 and at most 3600 seconds.");
                }

                if (scenario.LobbyLines < 0 || scenario.WarmupLines < 0)
                {
                    errors.Add("--lobby-lines and --warmup must be 0 or more.");
                }
                else if (scenario.Rooms > 0 && ((long)scenario.Rooms * Math.Max(scenario.LinesPerRoom, scenario.WarmupLines))
                    + Math.Max(scenario.LobbyLines, scenario.WarmupLines) > Measurement.LineText.MaxSequence)
                {
                    errors.Add($"rooms x lines per room + lobby lines must be at most {Measurement.LineText.MaxSequence:N0}.");
                }

                return scenario;
            });
    }

    private static ScenarioCommand SlowReaders()
    {
        var clients = ClientsOption(10);
        var slow = new Option<int>("--slow-readers") { Description = "How many connections join and never read.", DefaultValueFactory = _ => 20 };
        var rate = new Option<double>("--rate") { Description = "Lines per second the one sender posts.", DefaultValueFactory = _ => 500 };
        var duration = new Option<double>("--duration")
        {
            Description = "How long the sender sends, in seconds.",
            DefaultValueFactory = _ => 16,
            HelpName = "seconds",
        };
        return new ScenarioCommand("slowreaders", HelpText.SlowReaders, clients, [slow, rate, duration], (parse, errors) =>
        {
            var seconds = parse.GetValue(duration);
            var scenario = new SlowReadersScenario(
                parse.GetValue(clients),
                parse.GetValue(slow),
                parse.GetValue(rate),
                TimeSpan.FromSeconds(double.IsNaN(seconds) ? 0 : Math.Clamp(seconds, 0, 3600)));
            if (scenario.Clients < 1 || scenario.SlowReaders is < 1 or > 1000)
            {
                errors.Add("--clients must be at least 1 and --slow-readers from 1 to 1000.");
            }

            if (parse.GetValue(rate) is not (> 0 and <= 100_000) || seconds is not (> 0 and <= 3600))
            {
                errors.Add("--rate must be more than 0 and at most 100000, --duration more than 0 and at most 3600 seconds.");
            }

            return scenario;
        });
    }

    private static ScenarioCommand Fanout()
    {
        var clients = ClientsOption(100);
        var senders = new Option<int?>("--senders") { Description = "How many of the clients send (default: all of them)." };
        var lines = new Option<int>("--lines") { Description = "Lines each sender sends.", DefaultValueFactory = _ => 100 };
        var window = new Option<int>("--window")
        {
            Description = "The most lines a sender has in flight: sent, and not yet received back by itself.",
            DefaultValueFactory = _ => 32,
        };
        var warmup = WarmupOption(20);
        return new ScenarioCommand("fanout", HelpText.Fanout, clients, [senders, lines, window, warmup], (parse, errors) =>
        {
            var count = parse.GetValue(clients);
            var senderCount = parse.GetValue(senders) ?? count;
            var lineCount = parse.GetValue(lines);
            CheckSenders(errors, count, senderCount, lineCount);
            if (parse.GetValue(window) < 1)
            {
                errors.Add("--window must be at least 1.");
            }

            CheckWarmup(errors, parse.GetValue(warmup), senderCount);
            return new FanoutScenario(count, senderCount, lineCount, parse.GetValue(window), parse.GetValue(warmup));
        }, ThinClientOptions());
    }

    private static ScenarioCommand Paced()
    {
        var clients = ClientsOption(1000);
        var senders = new Option<int>("--senders") { Description = "How many of the clients send.", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate") { Description = "Lines per second per sender (issue 6's rows: 100 and 10).", DefaultValueFactory = _ => 100 };
        var duration = new Option<double>("--duration")
        {
            Description = "How long the senders send, in seconds.",
            DefaultValueFactory = _ => 10,
            HelpName = "seconds",
        };
        var warmup = WarmupOption(20);
        return new ScenarioCommand("paced", HelpText.Paced, clients, [senders, rate, duration, warmup], (parse, errors) =>
        {
            var count = parse.GetValue(clients);
            var seconds = parse.GetValue(duration);
            var scenario = new PacedScenario(
                count,
                parse.GetValue(senders),
                parse.GetValue(rate),
                TimeSpan.FromSeconds(double.IsNaN(seconds) ? 0 : Math.Clamp(seconds, 0, 3600)),
                parse.GetValue(warmup));
            CheckWarmup(errors, parse.GetValue(warmup), scenario.Senders);
            if (scenario.Rate is not (> 0 and <= 100_000)) // NaN too
            {
                errors.Add("--rate must be more than 0 and at most 100000.");
            }

            if (seconds is not (> 0 and <= 3600))
            {
                errors.Add("--duration must be more than 0 and at most 3600 seconds.");
            }

            CheckSenders(errors, count, scenario.Senders, scenario.LinesPerSender);
            return scenario;
        }, ThinClientOptions());
    }

    private static ScenarioCommand Join()
    {
        var clients = ClientsOption(10_000);
        // Joining is about presence: every client receives it unless --presence sampled says otherwise.
        return new ScenarioCommand(
            "join", HelpText.Join, clients, [], (parse, _) => new JoinScenario(parse.GetValue(clients)), new CommonOptions(offersClientChoice: true));
    }

    private static ScenarioCommand Idle()
    {
        var clients = ClientsOption(10_000);
        return new ScenarioCommand("idle", HelpText.Idle, clients, [], (parse, _) => new IdleScenario(parse.GetValue(clients)), ThinClientOptions());
    }

    /// <summary>
    /// The common options of the scenarios issue 17 measures with clients declining presence: all
    /// but the sampled clients decline it, and those are thin clients unless <c>--client library</c>.
    /// </summary>
    private static CommonOptions ThinClientOptions() => new(presenceDefault: "sampled", offersClientChoice: true);

    private static Option<int> ClientsOption(int defaultCount) => new("--clients")
    {
        Description = "How many clients join the room.",
        DefaultValueFactory = _ => defaultCount,
    };

    private static Option<int> WarmupOption(int defaultLines) => new("--warmup")
    {
        Description = "Lines each sender sends before the clock starts, so both sides run optimised code; 0 for none.",
        DefaultValueFactory = _ => defaultLines,
        HelpName = "lines",
    };

    private static void CheckWarmup(List<string> errors, int warmupLines, int senders)
    {
        if (warmupLines < 0 || (long)warmupLines * senders > Measurement.LineText.MaxSequence)
        {
            errors.Add("--warmup must be 0 or more, and senders x warm-up lines at most 999,999,999.");
        }
    }

    private static void CheckSenders(List<string> errors, int clients, int senders, int linesPerSender)
    {
        if (senders < 1 || senders > clients)
        {
            errors.Add("--senders must be between 1 and the number of clients.");
        }

        if (linesPerSender < 1)
        {
            errors.Add("every sender must send at least one line.");
        }
        else if ((long)senders * linesPerSender > Measurement.LineText.MaxSequence)
        {
            errors.Add($"senders x lines must be at most {Measurement.LineText.MaxSequence:N0}.");
        }
    }
}
