using Chat.Client.Tui.Connection;
using Chat.Client.Tui.Settings;
using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The connection and everything that is not one window's: the <see cref="ChatClient"/> and its
/// reconnects, the queue of lines going out, alerts (bell, terminal title), the commands typed,
/// and the open windows (<see cref="Windows"/>: one per room, one per private conversation).
/// Knows nothing of Terminal.Gui; every change it makes happens on the UI thread through
/// <see cref="IUiDispatcher"/>.
/// </summary>
public sealed partial class ChatViewModel : IAsyncDisposable
{
    private readonly IChatConnector _connector;
    private readonly IUiDispatcher _ui;
    private readonly TimeProvider _time;
    private readonly ClientSettings _settings;
    private readonly LogLineFactory _lines;
    private readonly CancellationTokenSource _stopping = new();
    private volatile ChatClient? _client;
    private string _connectionStatus = string.Empty;
    private string _defaultRoom = string.Empty;
    private int _disposed;

    /// <summary>Creates the view model for a session that has just joined.</summary>
    /// <param name="client">The client, just joined; the view model owns it from now on.</param>
    /// <param name="connector">Opens a new session when the client gave up reconnecting and the user asks to connect again.</param>
    /// <param name="ui">Runs changes on the UI thread.</param>
    /// <param name="time">The clock for local lines and the day; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <param name="timeZone">The zone times are shown in; the local zone when omitted.</param>
    /// <param name="settings">The user's choices (bell, ignored users); <see cref="ClientSettings.Default"/> when omitted.</param>
    public ChatViewModel(
        ChatClient client,
        IChatConnector connector,
        IUiDispatcher ui,
        TimeProvider? time = null,
        TimeZoneInfo? timeZone = null,
        ClientSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
        _ui = ui ?? throw new ArgumentNullException(nameof(ui));
        _time = time ?? TimeProvider.System;
        _settings = settings ?? ClientSettings.Default;
        _lines = new LogLineFactory(_time, timeZone ?? TimeZoneInfo.Local);
        _ignored.UnionWith(_settings.Ignore);
        Windows.CurrentChanged += OnCurrentWindowChanged;
        WatchTheDay();
        Join(client, rejoined: false);
    }

    /// <summary>Raised when <see cref="Status"/> changes.</summary>
    public event EventHandler? StatusChanged;

    /// <summary>Raised when the current window's <see cref="Users"/> or topic, <see cref="UserName"/> or <see cref="Title"/> change.</summary>
    public event EventHandler? UsersChanged;

    /// <summary>Raised when <see cref="UserListShown"/> changes.</summary>
    public event EventHandler? UserListShownChanged;

    /// <summary>Raised once this user has left: the view closes and the program exits with code 0.</summary>
    public event EventHandler? QuitRequested;

    /// <summary>The input line being typed.</summary>
    public InputLine Input { get; } = new();

    /// <summary>The open windows and the one in view.</summary>
    public WindowList Windows { get; } = new();

    /// <summary>The window in view.</summary>
    public WindowViewModel Current => Windows.Current;

    /// <summary>The log of the window in view.</summary>
    public MessageLog Log => Current.Log;

    /// <summary>This user's name, as the server accepted it.</summary>
    public string UserName { get; private set; } = string.Empty;

    /// <summary>The server's name.</summary>
    public string ServerName { get; private set; } = string.Empty;

    /// <summary>The longest line the server accepts, in Unicode scalar values.</summary>
    public int MaxTextLength { get; private set; } = ProtocolInfo.DefaultMaxTextLength;

    /// <summary>Whether the server speaks version 2 of the protocol (rooms, topics, renames, away); a version-1 server has one room.</summary>
    public bool SupportsRooms { get; private set; }

    /// <summary>Who is in the current window's room, sorted by name; empty in a private conversation.</summary>
    public IReadOnlyList<string> Users => Current.Users;

    /// <summary>Whether the user list is shown (F2 and <c>/users</c> toggle it).</summary>
    public bool UserListShown { get; private set; } = true;

    /// <summary>Where the connection stands.</summary>
    public ConnectionState State { get; private set; }

    /// <summary>The status line: connection state, and new lines below when the window in view is scrolled up.</summary>
    /// <remarks>What needs the user comes first (new lines below, a queue being sent), so a narrow terminal still shows it.</remarks>
    public string Status => (Current.Unseen > 0 ? $"{Current.UnseenText} (Ctrl+End) · " : string.Empty) + SendingStatus() + _connectionStatus;

    /// <summary>Whether a line below the scrolled-up view of the window in view mentions this user or is a private message to them.</summary>
    public bool HasUnseenAlerts => Current is { Unseen: > 0, UnseenAlerts: > 0 };

    /// <summary>How the log shows each line's time.</summary>
    public TimestampStyle Timestamps => _settings.Timestamps;

    /// <summary>The window's title: the server, this user and the window in view (the one room of a version-1 server is not named).</summary>
    public string Title => Current is RoomWindowViewModel { Room.Length: 0 }
        ? $"{ServerName} · {UserName}"
        : $"{ServerName} · {UserName} · {Current.Label}";

    /// <summary>Tells the window in view whether its log shows its newest line (the user has not scrolled up).</summary>
    /// <param name="following"><see langword="true"/> when the newest line is in view.</param>
    public void SetFollowing(bool following) => Current.SetFollowing(following);

    /// <summary>Stops reading and closes the connection without saying goodbye. Safe to call twice.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _midnight?.Dispose();
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
        SupportsRooms = client.SupportsRooms;
        _defaultRoom = client.DefaultRoom;
        _epoch = welcome.HistoryEpoch ?? string.Empty;
        ReadAccount(welcome);

        var room = Windows.FindRoom(_defaultRoom);
        if (room is null)
        {
            room = new RoomWindowViewModel(_defaultRoom, ServerName);
            Watch(room);
            Windows.Add(room, index: 0);
        }

        var users = (welcome.Users ?? []).Append(UserName);
        room.Reset(users, welcome.AwayUsers ?? [], TextSanitizer.Sanitize(welcome.Topic ?? string.Empty));
        var lines = new List<LogLine>
        {
            _lines.Local(LogKind.Info, rejoined
                ? $"Reconnected to {ServerName} ({_connector.Endpoint}) as {UserName}."
                : $"Connected to {ServerName} ({_connector.Endpoint}) as {UserName}. Type /help for help."),
        };
        if (!rejoined)
        {
            foreach (var motd in (welcome.MessageOfTheDay ?? string.Empty).Split('\n'))
            {
                if (!string.IsNullOrWhiteSpace(motd))
                {
                    lines.Add(_lines.Local(LogKind.Notice, TextSanitizer.Sanitize(motd.TrimEnd('\r'))));
                }
            }
        }

        room.History.StartPendingIdSpace();
        var newestBefore = room.History.NewestId;
        lines.AddRange(NewLines(room, welcome.Recent ?? []));
        room.AddRange(lines);
        if (rejoined)
        {
            ShowElsewhere(room, lines[0]);
        }

        State = ConnectionState.Connected;
        UsersChanged?.Invoke(this, EventArgs.Empty);
        TerminalTitleChanged?.Invoke(this, EventArgs.Empty);
        SetConnectionStatus(ConnectedStatus());
        StartSending(welcome);
        if (rejoined)
        {
            FillBetween(room, newestBefore, welcome.Recent ?? []);
            RejoinRooms();
        }
    }

    /// <summary>The lines of <paramref name="recent"/> the window has not shown yet, without those of ignored users; they were said before this session, so they are history.</summary>
    private List<LogLine> NewLines(RoomWindowViewModel room, IEnumerable<TextPosted> recent)
    {
        var lines = new List<LogLine>();
        foreach (var posted in recent)
        {
            if (room.History.See(posted.Id) && !IsIgnored(posted.Author))
            {
                lines.Add(ToLine(posted, history: true));
            }
        }

        return lines;
    }

    private string ConnectedStatus()
    {
        var where = Current switch
        {
            PrivateWindowViewModel conversation => $"private conversation with {conversation.Peer}",
            SearchWindowViewModel search => $"search of {search.RoomLabel}",
            _ => $"{Users.Count} {(Users.Count == 1 ? "user" : "users")}",
        };
        var away = AwayText.Length > 0 ? " (away)" : string.Empty;
        var op = IsOperator ? " [operator]" : string.Empty;
        return $"{UserName}{op}{away} on {ServerName} ({_connector.Endpoint}) · {where} · /help";
    }

    private void SetConnectionStatus(string text)
    {
        _connectionStatus = text;
        StatusChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Follows a window's changes that the status line, the user list and the title show.</summary>
    private void Watch(WindowViewModel window)
    {
        window.UnseenChanged += (sender, _) =>
        {
            if (ReferenceEquals(sender, Current))
            {
                StatusChanged?.Invoke(this, EventArgs.Empty);
            }
        };
        window.Changed += (sender, _) =>
        {
            if (ReferenceEquals(sender, Current))
            {
                OnCurrentWindowUpdated();
            }
        };
    }

    private void OnCurrentWindowChanged(object? sender, EventArgs e)
    {
        _completer.Reset();
        OnCurrentWindowUpdated();
        TerminalTitleChanged?.Invoke(this, EventArgs.Empty);
    }

    private void OnCurrentWindowUpdated()
    {
        UsersChanged?.Invoke(this, EventArgs.Empty);
        if (State == ConnectionState.Connected)
        {
            SetConnectionStatus(ConnectedStatus());
        }
        else
        {
            StatusChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Shows a line about the connection in every window but <paramref name="except"/>.</summary>
    private void ShowElsewhere(WindowViewModel? except, LogLine line)
    {
        foreach (var window in Windows.All)
        {
            if (!ReferenceEquals(window, except))
            {
                window.Add(line);
            }
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
