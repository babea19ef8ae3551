using Chat.Protocol;

namespace Chat.Client.Tui.Settings;

/// <summary>
/// Everything the user can choose about the client: where it connects, under which name, and
/// how it looks and alerts. Built from the defaults, then the configuration file
/// (<see cref="ClientSettingsFile"/>), then the environment (<c>NO_COLOR</c>), then the command
/// line, each overriding the one before.
/// </summary>
public sealed record ClientSettings
{
    /// <summary>The settings when nothing is configured.</summary>
    public static ClientSettings Default { get; } = new();

    /// <summary>The server's host name or address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The server's TCP port.</summary>
    public int Port { get; init; } = ProtocolInfo.DefaultPort;

    /// <summary>The name to join under without asking, if any.</summary>
    public string? Name { get; init; }

    /// <summary>Whether a mention or a private message rings the terminal's bell.</summary>
    public bool Bell { get; init; } = true;

    /// <summary>How the time of each line is shown.</summary>
    public TimestampStyle Timestamps { get; init; } = TimestampStyle.Minutes;

    /// <summary>Whether to draw without colour (<c>NO_COLOR</c>, <c>--mono</c>, or <c>"colors": "mono"</c>).</summary>
    public bool Mono { get; init; }

    /// <summary>Whether to connect with TLS (<c>--tls</c>, or <c>"tls": true</c>).</summary>
    public bool Tls { get; init; }

    /// <summary>Users whose lines and private messages are not shown (compared without regard to case).</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>
    /// The file holding the server's password (<c>--password-file</c>), if any. Only the command
    /// line gives it, and only the path is kept here: the password itself is read when connecting,
    /// and is never written to the configuration file or the screen.
    /// </summary>
    public string? PasswordFile { get; init; }

    /// <summary>
    /// The file holding the password of the user name (<c>--name-password-file</c>): a registered
    /// name's, or an operator account's. As with <see cref="PasswordFile"/>, only the path is kept.
    /// </summary>
    public string? NamePasswordFile { get; init; }
}
