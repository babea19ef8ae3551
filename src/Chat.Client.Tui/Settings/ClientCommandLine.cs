using System.CommandLine;
using Chat.Protocol;
using Chat.Shared;

namespace Chat.Client.Tui.Settings;

/// <summary>
/// The client's command line, and how it combines with the configuration file and the
/// environment into one <see cref="ClientSettings"/>: the command line wins over
/// <c>NO_COLOR</c>, which wins over the file, which wins over the defaults.
/// </summary>
public sealed class ClientCommandLine
{
    private readonly Option<string?> _host = new("--host")
    {
        Description = "The chat server: a host name or address, host:port, or [IPv6]:port (default 127.0.0.1, or the configuration file's server).",
    };

    private readonly Option<int?> _port = new("--port", "-p")
    {
        Description = $"The chat server's TCP port (default {ProtocolInfo.DefaultPort}, or the configuration file's).",
    };

    private readonly Option<string?> _name = new("--name", "-n")
    {
        Description = "Join under this name instead of asking for one.",
    };

    private readonly Option<string?> _config = new("--config")
    {
        Description = "Read settings from this file instead of $XDG_CONFIG_HOME/chatroom/client.json (~/.config/chatroom/client.json).",
    };

    private readonly Option<string?> _timestamps = new("--timestamps")
    {
        Description = "How each line's time is shown: minutes (14:05, the default), seconds (14:05:09) or off.",
    };

    private readonly Option<bool> _mono = new("--mono")
    {
        Description = "Draw without colour (as the NO_COLOR environment variable does).",
    };

    private readonly Option<bool> _tls = new("--tls")
    {
        Description = "Connect with TLS. A certificate this system does not trust is shown by its fingerprint and trusted on first use, as SSH does (remembered in $XDG_DATA_HOME/chatroom/known_hosts).",
    };

    private readonly Option<string?> _passwordFile = new("--password-file")
    {
        Description = "Read the server's password from this file (its first line; a file private to you: chmod 600). Without it, the client asks when the server wants one.",
    };

    private readonly Option<string?> _namePasswordFile = new("--name-password-file")
    {
        Description = "Read the password of your name (a registered name, or an operator account) from this file (its first line; chmod 600). Without it, the client asks when the server says the name is registered.",
    };

    private readonly Option<bool> _noBell = new("--no-bell")
    {
        Description = "Do not ring the terminal's bell on a mention or a private message.",
    };

    /// <summary>Creates the command line; <see cref="Root"/> runs <paramref name="run"/> with the settings.</summary>
    /// <param name="run">Runs the client; returns the exit code.</param>
    /// <param name="environment">Reads an environment variable.</param>
    public ClientCommandLine(Func<ClientSettings, int> run, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(environment);
        _port.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, out var value) && value is < 1 or > 65535)
            {
                result.AddError("--port must be between 1 and 65535.");
            }
        });
        _timestamps.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[^1].Value is not ("minutes" or "seconds" or "off"))
            {
                result.AddError("--timestamps must be minutes, seconds or off.");
            }
        });
        _host.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !ServerAddress.TryParse(result.Tokens[^1].Value, out _, out var error))
            {
                result.AddError($"--host: {error}");
            }
        });

        Root = new RootCommand(
            "ChatRoom text-mode client: join a chat room in any terminal, also over SSH.\n" +
            "In the room: Enter sends, /help lists the commands, typing exit or Ctrl+Q quits.")
        {
            _host, _port, _name, _config, _timestamps, _mono, _noBell, _tls, _passwordFile, _namePasswordFile,
        };
        Root.SetAction(result =>
        {
            if (!TryRead(result, environment, out var settings, out var error))
            {
                Console.Error.WriteLine(error);
                return 1;
            }

            return run(settings);
        });
    }

    /// <summary>The root command: parse the arguments with it and invoke the result.</summary>
    public RootCommand Root { get; }

    /// <summary>Combines the defaults, the configuration file, the environment and the parsed command line.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="settings">The settings, when this returns <see langword="true"/>.</param>
    /// <param name="error">Why they cannot be read (a bad file, conflicting options), in words.</param>
    /// <returns>Whether the settings could be read.</returns>
    public bool TryRead(ParseResult result, Func<string, string?> environment, out ClientSettings settings, out string error)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(environment);
        settings = ClientSettings.Default;
        var explicitConfig = result.GetValue(_config);
        var path = explicitConfig ?? ClientSettingsFile.DefaultPath(environment);
        if (path is not null && !ClientSettingsFile.TryLoad(path, mustExist: explicitConfig is not null, settings, out settings, out error))
        {
            return false;
        }

        // https://no-color.org: any non-empty value turns colour off.
        if (!string.IsNullOrEmpty(environment("NO_COLOR")))
        {
            settings = settings with { Mono = true };
        }

        var port = result.GetValue(_port);
        if (result.GetValue(_host) is { } hostText)
        {
            if (!ServerAddress.TryParse(hostText, out var address, out error))
            {
                return false; // The validator has said so already; this keeps the two in step.
            }

            if (address.Port is { } hostPort && port is { } portOption && hostPort != portOption)
            {
                error = $"--host says port {hostPort} but --port says {portOption}; give the port once.";
                return false;
            }

            settings = settings with { Host = address.Host, Port = address.Port ?? port ?? settings.Port };
        }
        else if (port is { } portOnly)
        {
            settings = settings with { Port = portOnly };
        }

        if (result.GetValue(_name) is { } name)
        {
            settings = settings with { Name = name };
        }

        settings = result.GetValue(_timestamps) switch
        {
            "seconds" => settings with { Timestamps = TimestampStyle.Seconds },
            "minutes" => settings with { Timestamps = TimestampStyle.Minutes },
            "off" => settings with { Timestamps = TimestampStyle.Off },
            _ => settings,
        };
        if (result.GetValue(_mono))
        {
            settings = settings with { Mono = true };
        }

        if (result.GetValue(_noBell))
        {
            settings = settings with { Bell = false };
        }

        if (result.GetValue(_tls))
        {
            settings = settings with { Tls = true };
        }

        if (result.GetValue(_passwordFile) is { } passwordFile)
        {
            // Read now only to say at once what is wrong with the file; the password is read again when connecting.
            if (!PasswordFile.TryRead(passwordFile, out _, out var problem))
            {
                error = $"--password-file: {problem}";
                return false;
            }

            settings = settings with { PasswordFile = passwordFile };
        }

        if (result.GetValue(_namePasswordFile) is { } namePasswordFile)
        {
            if (!PasswordFile.TryRead(namePasswordFile, out _, out var problem))
            {
                error = $"--name-password-file: {problem}";
                return false;
            }

            settings = settings with { NamePasswordFile = namePasswordFile };
        }

        error = string.Empty;
        return true;
    }
}
