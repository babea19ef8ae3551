using Chat.Client.Tui.Connection;
using Chat.Client.Tui.Settings;
using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The room: the message log, who is present, the status line, what typed lines do, and the
/// connection behind them (reading, reconnecting). Knows nothing of Terminal.Gui; every
/// change it makes happens on the UI thread through <see cref="IUiDispatcher"/>.
/// </summary>
public sealed partial class RoomViewModel : IAsyncDisposable
{
    private readonly IChatConnector _connector;
    private readonly IUiDispatcher _ui;
    private readonly TimeProvider _time;
    private readonly ReconnectBackoff _backoff;
    private readonly TimeZoneInfo _timeZone;
    private readonly ClientSettings _settings;
    private readonly SortedSet<string> _users = new(UserNameRules.Comparer);
    private readonly CancellationTokenSource _stopping = new();
    private volatile ChatClient? _client;
    private long _lastSeenId;
    private string _connectionStatus = string.Empty;
    private bool _following = true;
    private int _unseen;
    private int _disposed;

    /// <summary>Creates the room for a session that has just joined.</summary>
    /// <param name="client">The client, just joined; the view model owns it from now on.</param>
    /// <param name="connector">Opens a new session when the connection is lost.</param>
    /// <param name="ui">Runs changes on the UI thread.</param>
    /// <param name="time">The clock for reconnect waits and local lines; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <param name="backoff">The waits between reconnect attempts; <see cref="ReconnectBackoff.Default"/> when omitted.</param>
    /// <param name="timeZone">The zone times are shown in; the local zone when omitted.</param>
    /// <param name="settings">The user's choices (bell, ignored users); <see cref="ClientSettings.Default"/> when omitted.</param>
    public RoomViewModel(
        ChatClient client,
        IChatConnector connector,
        IUiDispatcher ui,
        TimeProvider? time = null,
        ReconnectBackoff? backoff = null,
        TimeZoneInfo? timeZone = null,
        ClientSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
        _ui = ui ?? throw new ArgumentNullException(nameof(ui));
        _time = time ?? TimeProvider.System;
        _backoff = backoff ?? ReconnectBackoff.Default;
        _timeZone = timeZone ?? TimeZoneInfo.Local;
        _settings = settings ?? ClientSettings.Default;
        _ignored.UnionWith(_settings.Ignore);
        Log.Appended += OnLogAppended;
        Join(client, rejoined: false);
    }

    /// <summary>Raised when <see cref="Status"/> changes.</summary>
    public event EventHandler? StatusChanged;

    /// <summary>Raised when <see cref="Users"/>, <see cref="UserName"/> or <see cref="ServerName"/> change.</summary>
    public event EventHandler? UsersChanged;

    /// <summary>Raised when <see cref="UserListShown"/> changes.</summary>
    public event EventHandler? UserListShownChanged;

    /// <summary>Raised once this user has left: the view closes and the program exits with code 0.</summary>
    public event EventHandler? QuitRequested;

    /// <summary>The input line being typed.</summary>
    public InputLine Input { get; } = new();

    /// <summary>The message log.</summary>
    public MessageLog Log { get; } = new();

    /// <summary>This user's name, as the server accepted it.</summary>
    public string UserName { get; private set; } = string.Empty;

    /// <summary>The server's name.</summary>
    public string ServerName { get; private set; } = string.Empty;

    /// <summary>The longest line the server accepts, in Unicode scalar values.</summary>
    public int MaxTextLength { get; private set; } = ProtocolInfo.DefaultMaxTextLength;

    /// <summary>Who is in the room, sorted by name.</summary>
    public IReadOnlyList<string> Users { get; private set; } = [];

    /// <summary>Whether the user list is shown (F2 and <c>/users</c> toggle it).</summary>
    public bool UserListShown { get; private set; } = true;

    /// <summary>Where the connection stands.</summary>
    public ConnectionState State { get; private set; }

    /// <summary>The status line: connection state, and new lines below when scrolled up.</summary>
    /// <remarks>What needs the user comes first (new lines below, a queue being sent), so a narrow terminal still shows it.</remarks>
    public string Status => (_unseen > 0 ? $"{UnseenText()} (Ctrl+End) · " : string.Empty) + SendingStatus() + _connectionStatus;

    /// <summary>Whether a line below the scrolled-up view mentions this user or is a private message to them.</summary>
    public bool HasUnseenAlerts => _unseen > 0 && _unseenAlerts > 0;

    /// <summary>How the log shows each line's time.</summary>
    public TimestampStyle Timestamps => _settings.Timestamps;

    /// <summary>The window's title.</summary>
    public string Title => $"{ServerName} · {UserName}";

    /// <summary>Tells the view model whether the log shows its newest line (the user has not scrolled up).</summary>
    /// <param name="following"><see langword="true"/> when the newest line is in view.</param>
    public void SetFollowing(bool following)
    {
        if (_following == following)
        {
            return;
        }

        _following = following;
        if (following && _unseen > 0)
        {
            _unseen = 0;
            _unseenAlerts = 0;
            StatusChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Stops reading and closes the connection without saying goodbye. Safe to call twice.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (Interlocked.Exchange(ref _client, null) is { } client)
        {
            await DisposeQuietlyAsync(client);
        }

        _stopping.Dispose();
    }

    private void Join(ChatClient client, bool rejoined)
    {
        _client = client;
        var welcome = client.Welcome;
        UserName = welcome.UserName;
        ServerName = TextSanitizer.Sanitize(welcome.ServerName);
        MaxTextLength = welcome.MaxTextLength > 0 ? welcome.MaxTextLength : ProtocolInfo.DefaultMaxTextLength;
        _users.Clear();
        _users.UnionWith(welcome.Users);
        _users.Add(UserName);
        Users = [.. _users];

        var lines = new List<LogLine>
        {
            Local(LogKind.Info, rejoined
                ? $"Reconnected to {ServerName} ({_connector.Endpoint}) as {UserName}."
                : $"Connected to {ServerName} ({_connector.Endpoint}) as {UserName}. Type /help for help."),
        };
        if (!rejoined)
        {
            foreach (var motd in (welcome.MessageOfTheDay ?? string.Empty).Split('\n'))
            {
                if (!string.IsNullOrWhiteSpace(motd))
                {
                    lines.Add(Local(LogKind.Notice, TextSanitizer.Sanitize(motd.TrimEnd('\r'))));
                }
            }
        }

        foreach (var posted in welcome.Recent ?? [])
        {
            if (posted.Id > _lastSeenId)
            {
                var line = ToLine(posted);
                if (!IsIgnored(posted.Author))
                {
                    lines.Add(line);
                }
            }
        }

        Log.AddRange(lines);
        State = ConnectionState.Connected;
        UsersChanged?.Invoke(this, EventArgs.Empty);
        TerminalTitleChanged?.Invoke(this, EventArgs.Empty);
        SetConnectionStatus(ConnectedStatus());
        StartSending(welcome);
    }

    private string UnseenText() => _unseenAlerts switch
    {
        0 => $"{_unseen} new below",
        1 => $"{_unseen} new below, 1 for you",
        _ => $"{_unseen} new below, {_unseenAlerts} for you",
    };

    private string ConnectedStatus() =>
        $"{UserName} on {ServerName} ({_connector.Endpoint}) · {Users.Count} {(Users.Count == 1 ? "user" : "users")} · /help";

    private void SetConnectionStatus(string text)
    {
        _connectionStatus = text;
        StatusChanged?.Invoke(this, EventArgs.Empty);
    }

    private void OnLogAppended(object? sender, int first)
    {
        if (_following)
        {
            return;
        }

        _unseen += Log.Count - first;
        StatusChanged?.Invoke(this, EventArgs.Empty);
    }

    private void SetUsers(IEnumerable<string> joined, IEnumerable<string> left)
    {
        _users.UnionWith(joined);
        _users.ExceptWith(left);
        Users = [.. _users];
        UsersChanged?.Invoke(this, EventArgs.Empty);
        if (State == ConnectionState.Connected)
        {
            SetConnectionStatus(ConnectedStatus());
        }
    }

    private static async Task DisposeQuietlyAsync(ChatClient client)
    {
        try
        {
            await client.DisposeAsync();
        }
        catch (Exception ex) when (ex is ChatException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is gone either way.
        }
    }
}
