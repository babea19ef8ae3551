using System.CommandLine;
using System.Net;
using Chat.LoadTest.Running;

namespace Chat.LoadTest.CommandLine;

/// <summary>The options every scenario command has, and their conversion to <see cref="CommonSettings"/>.</summary>
/// <param name="presenceDefault">What <c>--presence</c> is when not given: <c>all</c> or <c>sampled</c>.</param>
/// <param name="offersClientChoice">
/// Whether the command has <c>--client thin|epoll|library</c> (default thin) and <c>--receive-threads</c>: the scenarios whose clients are
/// a <see cref="Clients.ClientFleet"/>. Without it, every client is on the client library.
/// </param>
internal sealed class CommonOptions(string presenceDefault = "all", bool offersClientChoice = false)
{
    /// <summary>
    /// Arguments a started server gets: no rate limit, room for every client, a deep send queue, and
    /// no console socket. The history is the server's default (SQLite), in a fresh temporary data
    /// folder each run (<see cref="Server.DataFolderSetup"/>), so a run never meets a server that
    /// uses ./chat-data, such as the one chat.sh starts.
    /// </summary>
    public const string DefaultServerArguments =
        "--max-clients 20000 --rate 0 --send-queue 100000 --console-socket none --log-level warning";

    private readonly Option<string> _serverDll = new("--server-dll")
    {
        Description = "The Chat.Server.dll to start for each run.",
        DefaultValueFactory = _ => ServerLocator.DefaultServerDll(),
        HelpName = "path",
    };

    private readonly Option<string> _serverArguments = new("--server-args")
    {
        Description = "Arguments for a started server, after --address 127.0.0.1 --port 0 --exempt 127.0.0.0/8 (one string, split on spaces).",
        DefaultValueFactory = _ => DefaultServerArguments,
        HelpName = "arguments",
    };

    private readonly Option<int?> _port = new("--port")
    {
        Description = "Target a server that is already running on this port, instead of starting one.",
    };

    private readonly Option<string> _host = new("--host")
    {
        Description = "The running server's address (loopback only).",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    private readonly Option<int?> _serverPid = new("--server-pid")
    {
        Description = "The running server's process id, to report its CPU seconds and peak memory.",
    };

    private readonly Option<double> _timeout = new("--timeout")
    {
        Description = "The longest one run may take, in seconds, connecting included; past it the run fails.",
        DefaultValueFactory = _ => 120,
        HelpName = "seconds",
    };

    private readonly Option<int> _runs = new("--runs")
    {
        Description = "How many times to run the scenario (a fresh server each time); prints the median too.",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<int> _connectConcurrency = new("--connect-concurrency")
    {
        Description = "How many clients may be joining at once.",
        DefaultValueFactory = _ => 100,
    };

    private readonly Option<int> _presenceSample = new("--presence-sample")
    {
        Description = "How many clients' user lists to compare name by name with the run's users at the end.",
        DefaultValueFactory = _ => 20,
    };

    private readonly Option<string> _presence = new("--presence")
    {
        Description = "all: every client receives presence and must see every user, as people's clients do. "
            + "sampled: only the --presence-sample clients do; the others decline it (ChatClientOptions.ReceivePresence off), as bots do.",
        DefaultValueFactory = _ => presenceDefault,
    };

    private readonly Option<string> _client = new("--client")
    {
        Description = "epoll (the default): the clients that decline presence are thin clients whose sockets are read by "
            + "--receive-threads threads, each waiting on an epoll set of its own (Linux x86-64; elsewhere thin). thin: raw sockets "
            + "that read each line without allocating, through .NET's async sockets (issue 17's thin client; not with --tls, which "
            + "falls back to library). library: they are ChatClients, as the others are.",
        DefaultValueFactory = _ => "epoll",
        HelpName = "thin|epoll|library",
    };

    private readonly Option<int> _receiveThreads = new("--receive-threads")
    {
        Description = "With --client epoll: how many receive threads read the clients' sockets, each with its own epoll set.",
        DefaultValueFactory = _ => 2,
        HelpName = "count",
    };

    private readonly Option<int> _textLength = new("--text-length")
    {
        Description = "The length of each line, in bytes.",
        DefaultValueFactory = _ => 80,
        HelpName = "bytes",
    };

    private readonly Option<bool> _tls = new("--tls")
    {
        Description = "Run the started server with TLS (a self-signed certificate from its make-cert command); the clients pin it.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_tls);
        command.Options.Add(_serverDll);
        command.Options.Add(_serverArguments);
        command.Options.Add(_port);
        command.Options.Add(_host);
        command.Options.Add(_serverPid);
        command.Options.Add(_timeout);
        command.Options.Add(_runs);
        command.Options.Add(_connectConcurrency);
        command.Options.Add(_presenceSample);
        command.Options.Add(_presence);
        command.Options.Add(_textLength);
        if (offersClientChoice)
        {
            command.Options.Add(_client);
            command.Options.Add(_receiveThreads);
        }
    }

    /// <summary>Reads the settings; adds a description of each bad value to <paramref name="errors"/>.</summary>
    public CommonSettings Read(ParseResult parse, List<string> errors)
    {
        var host = parse.GetValue(_host)!;
        if (!IsLoopback(host))
        {
            errors.Add($"--host {host}: the load generator only uses loopback addresses (127.0.0.1, ::1, localhost).");
        }

        var port = parse.GetValue(_port);
        if (port is < 1 or > 65535)
        {
            errors.Add("--port must be between 1 and 65535.");
        }

        var timeout = parse.GetValue(_timeout);
        if (timeout is not (> 0 and <= 3600)) // NaN too
        {
            errors.Add("--timeout must be more than 0 and at most 3600 seconds.");
        }

        var runs = parse.GetValue(_runs);
        if (runs is < 1 or > 100)
        {
            errors.Add("--runs must be between 1 and 100.");
        }

        var concurrency = parse.GetValue(_connectConcurrency);
        if (concurrency < 1)
        {
            errors.Add("--connect-concurrency must be at least 1.");
        }

        var textLength = parse.GetValue(_textLength);
        if (textLength is < Measurement.LineText.MinLength or > 4000)
        {
            errors.Add($"--text-length must be between {Measurement.LineText.MinLength} and 4000.");
        }

        var presence = parse.GetValue(_presence)!;
        if (presence is not ("all" or "sampled"))
        {
            errors.Add($"--presence {presence}: say all or sampled.");
        }
        else if (presence == "sampled" && parse.GetValue(_presenceSample) < 1)
        {
            errors.Add("--presence sampled needs --presence-sample of at least 1: those are the clients that receive presence.");
        }

        var client = offersClientChoice ? parse.GetValue(_client)! : "library";
        if (client is not ("thin" or "epoll" or "library"))
        {
            errors.Add($"--client {client}: say thin, epoll or library.");
        }

        var receiveThreads = offersClientChoice ? parse.GetValue(_receiveThreads) : 2;
        if (receiveThreads is < 1 or > 64)
        {
            errors.Add("--receive-threads must be between 1 and 64.");
        }

        var tls = parse.GetValue(_tls);
        if (tls && port is not null)
        {
            errors.Add("--tls works with a server the load generator starts, not with --port.");
        }

        var arguments = parse.GetValue(_serverArguments) ?? "";
        return new CommonSettings(
            Path.GetFullPath(parse.GetValue(_serverDll)!),
            host,
            port,
            parse.GetValue(_serverPid),
            arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            TimeSpan.FromSeconds(double.IsNaN(timeout) ? 0.001 : Math.Clamp(timeout, 0.001, 3600)),
            runs,
            concurrency,
            Math.Max(0, parse.GetValue(_presenceSample)),
            presence != "sampled",
            textLength,
            tls,
            ThinClients: client is "thin" or "epoll",
            EpollClients: client == "epoll",
            ReceiveThreads: Math.Clamp(receiveThreads, 1, 64));
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
