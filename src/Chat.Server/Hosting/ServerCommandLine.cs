using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Chat.Server;

/// <summary>
/// The server's command line: every option, its default and its check. A bad value is one line
/// on standard error and exit code 1, never a stack trace.
/// </summary>
internal sealed partial class ServerCommandLine
{
    private static readonly ChatServerOptions s_defaults = ChatServerOptions.Default;

    private readonly Option<IPAddress> _address = new("--address", "-a")
    {
        Description = "The address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 (or ::) for every interface.",
        HelpName = "ip",
        DefaultValueFactory = _ => s_defaults.Address,
        CustomParser = ParseAddress,
    };

    private readonly Option<int> _port = IntOption("--port", "The TCP port to listen on; 0 picks a free port.", "port", s_defaults.Port, 0, IPEndPoint.MaxPort, "-p");

    private readonly Option<int> _maxClients = IntOption("--max-clients", "The most users on the server at once.", "count", s_defaults.MaxClients, 1, ChatServerOptions.MaxClientsLimit);

    private readonly Option<int> _maxFrameBytes = IntOption(
        "--max-frame-bytes", "The largest message, in bytes, a client may send; a larger one disconnects it.", "bytes", s_defaults.MaxFrameLength, 256, 64 * 1024 * 1024);

    private readonly Option<int> _maxTextLength = IntOption(
        "--max-text-length", "The longest line of text, in characters.", "chars", s_defaults.MaxTextLength, 1, 1_000_000);

    private readonly Option<double> _rate = DoubleOption(
        "--rate", "How many messages per second a client may send in the long run; 0 means unlimited.", "per-second", s_defaults.MessageRate, 0);

    private readonly Option<int> _burst = IntOption(
        "--burst", "How many messages a client may send at once before --rate applies (a pasted paragraph).", "count", s_defaults.MessageBurst, 1, 1_000_000);

    private readonly Option<double> _handshakeTimeout = DoubleOption(
        "--handshake-timeout", "Seconds a new connection has to say hello.", "seconds", s_defaults.HandshakeTimeout.TotalSeconds, 0.001);

    private readonly Option<double> _idleTimeout = DoubleOption(
        "--idle-timeout", "Seconds of silence after which a client is dropped (it is pinged half-way); 0 never drops.", "seconds", s_defaults.IdleTimeout.TotalSeconds, 0);

    private readonly Option<int> _sendQueue = IntOption(
        "--send-queue", "How many messages may wait for one client before it is dropped as too slow.", "count", s_defaults.SendQueueLength, 1, 10_000_000);

    private readonly Option<string> _motd = new("--motd")
    {
        Description = "A message of the day shown to everyone who joins.",
        HelpName = "text",
        DefaultValueFactory = _ => s_defaults.MessageOfTheDay,
    };

    private readonly Option<string> _serverName = new("--server-name")
    {
        Description = "The server's name, shown to clients.",
        HelpName = "name",
        DefaultValueFactory = _ => s_defaults.ServerName,
    };

    // ---- slow consumers in bytes (issue 13, helper "text") ----
    private readonly Option<int> _sendQueueBytes = IntOption(
        "--send-queue-bytes",
        "How many bytes of messages may wait for one client before it is dropped as too slow (beside --send-queue; whichever is passed first).",
        "bytes",
        s_defaults.SendQueueBytes,
        ChatServerOptions.MinimumSendQueueBytes,
        int.MaxValue);

    private readonly Option<LogLevel> _logLevel = new("--log-level")
    {
        Description = "How much to log to standard error: trace, debug, information, warning, error, critical or none.",
        HelpName = "level",
        DefaultValueFactory = _ => LogLevel.Information,
        CustomParser = ParseLogLevel,
    };

    // TLS (helper "tls").
    private readonly Option<string> _tlsCert = new("--tls-cert")
    {
        Description = "Turns on TLS for every connection: the certificate, as PEM (with --tls-key) or as a PFX holding its key. SIGHUP reloads it.",
        HelpName = "file",
    };

    private readonly Option<string> _tlsKey = new("--tls-key")
    {
        Description = "The PEM private key of --tls-cert.",
        HelpName = "file",
    };

    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly TextReader _input;
    private ConfiguredParse? _parse;

    /// <summary>Builds the command with every option, for a server without standard input or output (tests that only parse).</summary>
    public ServerCommandLine()
        : this(TextWriter.Null, TextWriter.Null, TextReader.Null)
    {
    }

    /// <summary>Builds the command with every option.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="input">Standard input, for the operator's commands.</param>
    public ServerCommandLine(TextWriter output, TextWriter error, TextReader input)
    {
        _output = output;
        _error = error;
        _input = input;
        Command = new RootCommand(
            "ChatRoom server: rooms that many people join over TCP, everyone first in the default room. " +
            "Operator commands on standard input, and from 'Chat.Server console' on a running server: rooms, users [#room], stats, say [#room] <text>, topic #room <text>, kick <name> [reason], backup <path>, close, help. " +
            "Every option can also be set in a JSON file (--config <file>) or an environment variable CHATROOM_<NAME>; --print-config shows the settings in force.");
        foreach (var option in new Option[]
        {
            _address, _port, _maxClients, _maxFrameBytes, _maxTextLength, _rate, _burst, _handshakeTimeout,
            _idleTimeout, _sendQueue, _motd, _serverName, _logLevel,
            _sendQueueBytes,
            _tlsCert, _tlsKey,
        })
        {
            Command.Options.Add(option);
        }

        AddAccessOptions();
        AddAccountOptions();
        AddRoomOptions();
        AddHistoryOptions();
        AddRetentionOptions();
        AddMetricsOptions();
        AddConfigurationOptions();
        AddConsoleOptions();
        Command.Subcommands.Add(MakeCertCommand.Create());
        Command.SetAction(RunServerAsync);
    }

    /// <summary>The root command.</summary>
    public RootCommand Command { get; }

    /// <summary>Parses the command line and runs what it asks for: the server, the help, or the version.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="input">Standard input, for the operator's commands.</param>
    /// <returns>The exit code: 0 after a clean shutdown, 1 for a bad command line or an address that cannot be listened on.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader input) =>
        RunAsync(args, Environment.GetEnvironmentVariables(), output, error, input);

    /// <summary>Parses the command line, with the configuration file and <paramref name="environment"/>'s variables, and runs what it asks for.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="environment">The environment variables (the process's, or a test's own).</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="input">Standard input, for the operator's commands.</param>
    /// <returns>The exit code: 0 after a clean shutdown or --print-config, 1 for a bad command line, configuration or address.</returns>
    internal static async Task<int> RunAsync(string[] args, System.Collections.IDictionary environment, TextWriter output, TextWriter error, TextReader input)
    {
        var commandLine = new ServerCommandLine(output, error, input);
        var (parse, problem) = commandLine.Parse(args, environment);
        if (parse is null)
        {
            await error.WriteLineAsync(problem);
            return 1;
        }

        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,

            // SIGINT/SIGTERM are handled by ServerHost, which shuts down and exits 0.
            ProcessTerminationTimeout = null,
        };
        return await parse.Result.InvokeAsync(invocation);
    }

    /// <summary>The root command's action: prints the settings (--print-config) or runs the server until it is closed.</summary>
    private async Task<int> RunServerAsync(ParseResult result, CancellationToken cancellationToken)
    {
        ChatServerOptions options;
        try
        {
            options = ToOptions(result);
        }
        catch (ArgumentException ex)
        {
            await _error.WriteLineAsync(ex.Message);
            return 1;
        }

        if (result.GetValue(_printConfig))
        {
            PrintConfig(_parse ?? new ConfiguredParse(result, result, new Dictionary<Option, ConfiguredSetting>(), null), _output);
            return 0;
        }

        return await ServerHost.RunAsync(options, result.GetValue(_logLevel), _output, _error, _input, cancellationToken);
    }

    /// <summary>Turns a successful parse into the server's settings.</summary>
    /// <exception cref="ArgumentException">Two settings do not fit together; the message says how.</exception>
    private ChatServerOptions ToOptions(ParseResult result)
    {
        var maxText = result.GetValue(_maxTextLength);
        var maxFrame = result.GetValue(_maxFrameBytes);
        if (maxFrame < ChatServerOptions.MinimumFrameLengthFor(maxText))
        {
            throw new ArgumentException(
                $"--max-frame-bytes {maxFrame} is too small for --max-text-length {maxText}: " +
                $"it must be at least {ChatServerOptions.MinimumFrameLengthFor(maxText)} (four bytes per character, plus 64).");
        }

        var tlsCert = result.GetValue(_tlsCert);
        var tlsKey = result.GetValue(_tlsKey);
        if (string.IsNullOrEmpty(tlsCert) && !string.IsNullOrEmpty(tlsKey))
        {
            throw new ArgumentException("--tls-key needs --tls-cert: give the certificate too.");
        }

        var options = WithConsole(result, WithMetrics(result, WithRetention(result, WithHistory(result, WithRooms(result, WithAccess(result, s_defaults with
        {
            Tls = string.IsNullOrEmpty(tlsCert) ? null : new TlsFiles(tlsCert, string.IsNullOrEmpty(tlsKey) ? null : tlsKey),
            Address = result.GetValue(_address)!,
            Port = result.GetValue(_port),
            MaxClients = result.GetValue(_maxClients),
            MaxFrameLength = maxFrame,
            MaxTextLength = maxText,
            MessageRate = result.GetValue(_rate),
            MessageBurst = result.GetValue(_burst),
            HandshakeTimeout = TimeSpan.FromSeconds(result.GetValue(_handshakeTimeout)),
            IdleTimeout = TimeSpan.FromSeconds(result.GetValue(_idleTimeout)),
            SendQueueLength = result.GetValue(_sendQueue),
            SendQueueBytes = result.GetValue(_sendQueueBytes),
            MessageOfTheDay = result.GetValue(_motd) ?? string.Empty,
            ServerName = string.IsNullOrWhiteSpace(result.GetValue(_serverName)) ? s_defaults.ServerName : result.GetValue(_serverName)!,
        }))))));
        options.ValidateRelayedTexts();
        return options;
    }

    private static Option<int> IntOption(string name, string description, string helpName, int defaultValue, int min, int max, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var token = SingleToken(result);
                if (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                {
                    return value;
                }

                result.AddError($"{name} must be a whole number from {min} to {max}, not \"{token}\".");
                return defaultValue;
            },
        };

    private static Option<double> DoubleOption(string name, string description, string helpName, double defaultValue, double min) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var token = SingleToken(result);
                if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    && double.IsFinite(value) && value >= min && value <= 1e9)
                {
                    return value;
                }

                result.AddError($"{name} must be a number of at least {min.ToString(CultureInfo.InvariantCulture)}, not \"{token}\".");
                return defaultValue;
            },
        };

    private static IPAddress ParseAddress(ArgumentResult result)
    {
        var token = SingleToken(result);
        if (string.Equals(token, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        // IPAddress.TryParse also takes "1" or "127.1"; only the usual dotted quad or IPv6 form is meant here.
        if (IPAddress.TryParse(token, out var address)
            && (address.AddressFamily == AddressFamily.InterNetworkV6 || address.ToString() == token))
        {
            return address;
        }

        var name = (result.Parent as OptionResult)?.Option.Name ?? "--address";
        result.AddError($"{name} must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, not \"{token}\".");
        return IPAddress.Loopback;
    }

    private static LogLevel ParseLogLevel(ArgumentResult result)
    {
        var token = SingleToken(result);
        var level = token.ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "INFORMATION" or "INFO" => LogLevel.Information,
            "WARNING" or "WARN" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "CRITICAL" => LogLevel.Critical,
            "NONE" => LogLevel.None,
            _ => (LogLevel?)null,
        };
        if (level is null)
        {
            result.AddError($"--log-level must be trace, debug, information, warning, error, critical or none, not \"{token}\".");
        }

        return level ?? LogLevel.Information;
    }

    private static string SingleToken(ArgumentResult result) =>
        result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
}
