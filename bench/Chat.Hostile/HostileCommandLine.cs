using System.CommandLine;
using System.Net;
using Chat.Hostile.Attacks;
using Chat.Hostile.Running;

namespace Chat.Hostile;

/// <summary>
/// The tool's command line: attack a server at host:port for a while, several attacks at once,
/// while two ordinary users chat; print what the server did and exit 0 when nobody ordinary lost anything.
/// </summary>
internal static class HostileCommandLine
{
    /// <summary>Parses the arguments and runs.</summary>
    /// <returns>0 when the run passed, 1 when it failed or the command line was wrong, 2 when the server could not be reached.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var host = new Option<string>("--host") { Description = "The server's address.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "The server's port.", DefaultValueFactory = _ => ProtocolInfo.DefaultPort };
        var from = new Option<string?>("--from") { Description = "The address the attackers connect from, such as 127.0.0.2 (the ordinary users keep the system's choice)." };
        var duration = new Option<double>("--duration", "-d") { Description = "Seconds during which new attacks start.", DefaultValueFactory = _ => 10 };
        var attackers = new Option<int>("--attackers", "-c") { Description = "How many attacks run at once.", DefaultValueFactory = _ => 8 };
        var attacks = new Option<string[]>("--attack") { Description = "An attack to run (repeatable); all of them when omitted. --list names them.", AllowMultipleArgumentsPerToken = true };
        var pace = new Option<double>("--pace") { Description = "Seconds between a slow sender's bytes.", DefaultValueFactory = _ => 1 };
        var patience = new Option<double>("--patience") { Description = "Seconds one attack waits for the server to deal with it.", DefaultValueFactory = _ => 30 };
        var interval = new Option<double>("--line-interval") { Description = "Seconds between an ordinary user's lines.", DefaultValueFactory = _ => 0.5 };
        var pid = new Option<int?>("--server-pid") { Description = "The server's process id, to report its memory (Linux)." };
        var list = new Option<bool>("--list") { Description = "List the attacks and exit." };

        var root = new RootCommand(
            "Attacks a ChatRoom server with hostile input (random bytes, huge and endless frames, slowloris, " +
            "deep or huge MessagePack, bad ids and types, invalid UTF-8, floods, clients that never read, " +
            "half-closes and resets) while two ordinary users chat, and reports what happened. Stops by itself.");
        foreach (var option in new Option[] { host, port, from, duration, attackers, attacks, pace, patience, interval, pid, list })
        {
            root.Options.Add(option);
        }

        root.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(list))
            {
                foreach (var attack in AttackCatalogue.All)
                {
                    output.WriteLine($"{attack.Name,-22} {attack.Description}");
                }

                return 0;
            }

            if (!TryBuild(result, out var settings, out var problem))
            {
                error.WriteLine(problem);
                return 1;
            }

            output.WriteLine(
                $"attacking {settings.Server} for {settings.Duration.TotalSeconds:0.#} s with {settings.Attackers} attackers" +
                (settings.AttackFrom is { } a ? $" from {a}" : string.Empty) + $": {string.Join(", ", settings.Attacks)}");
            try
            {
                var report = await HostileRun.RunAsync(settings, error, cancellationToken);
                report.WriteTo(output);
                return report.Passed ? 0 : 1;
            }
            catch (ChatException ex)
            {
                error.WriteLine($"The ordinary users could not join {settings.Server}: {ex.Message}");
                return 2;
            }
        });

        bool TryBuild(ParseResult result, out HostileSettings settings, out string problem)
        {
            settings = null!;
            problem = string.Empty;
            if (!IPAddress.TryParse(result.GetValue(host), out var address))
            {
                problem = $"--host must be an IP address, not \"{result.GetValue(host)}\".";
                return false;
            }

            IPAddress? fromAddress = null;
            if (result.GetValue(from) is { } f && !IPAddress.TryParse(f, out fromAddress))
            {
                problem = $"--from must be an IP address, not \"{f}\".";
                return false;
            }

            var chosen = new List<Attack>();
            foreach (var name in result.GetValue(attacks) ?? [])
            {
                if (AttackCatalogue.Find(name) is not { } attack)
                {
                    problem = $"There is no attack called \"{name}\"; --list names them.";
                    return false;
                }

                chosen.Add(attack);
            }

            var seconds = new[] { result.GetValue(duration), result.GetValue(pace), result.GetValue(patience), result.GetValue(interval) };
            if (seconds.Any(s => !double.IsFinite(s) || s <= 0 || s > 86_400) || result.GetValue(attackers) is < 1 or > 10_000
                || result.GetValue(port) is < 1 or > IPEndPoint.MaxPort)
            {
                problem = "--duration, --pace, --patience and --line-interval must be positive numbers of seconds (at most a day), " +
                    "--attackers from 1 to 10000, --port from 1 to 65535.";
                return false;
            }

            settings = new HostileSettings(
                new IPEndPoint(address, result.GetValue(port)),
                fromAddress,
                TimeSpan.FromSeconds(seconds[0]),
                result.GetValue(attackers),
                chosen.Count > 0 ? chosen : AttackCatalogue.All,
                TimeSpan.FromSeconds(seconds[1]),
                TimeSpan.FromSeconds(seconds[2]),
                TimeSpan.FromSeconds(seconds[3]),
                result.GetValue(pid));
            return true;
        }

        var parsed = root.Parse(args);
        foreach (var parseError in parsed.Errors)
        {
            await error.WriteLineAsync($"{parseError.Message} (see --help)");
        }

        return parsed.Errors.Count > 0 ? 1 : await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
