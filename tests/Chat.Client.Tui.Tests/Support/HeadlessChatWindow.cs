using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;

namespace Chat.Client.Tui.Tests.Support;

/// <summary>
/// The room window on a headless ANSI driver (80 × 24), joined to a scripted server: keys in, screen
/// text and sent messages out. The view model posts to the application's main loop, as in the
/// program, and the test runs that loop. Every ChatWindow*Tests class starts one.
/// </summary>
internal sealed class HeadlessChatWindow : IAsyncDisposable
{
    private readonly Task _reading;

    private HeadlessChatWindow(HeadlessApp headless, FakeRoom server, FakeSession session, ChatViewModel viewModel, ChatWindow window)
    {
        Headless = headless;
        Server = server;
        Session = session;
        ViewModel = viewModel;
        Window = window;
        headless.Begin(window);
        _reading = Task.Run(viewModel.RunAsync);
    }

    public HeadlessApp Headless { get; }

    public FakeRoom Server { get; }

    /// <summary>The server's side of the connection.</summary>
    public FakeSession Session { get; }

    public ChatViewModel ViewModel { get; }

    public ChatWindow Window { get; }

    /// <summary>The screen's rows, without line ends.</summary>
    public string[] Rows => [.. Headless.Screen.Split('\n').Select(r => r.TrimEnd('\r'))];

    /// <summary>Joins <paramref name="userName"/> to a new scripted server and shows its window.</summary>
    /// <param name="userName">Who the client joins as.</param>
    /// <param name="welcome">The server's welcome for the client's hello.</param>
    /// <param name="timeZone">The zone times are shown in; the local one when omitted.</param>
    /// <param name="palette">The window's colours; the default palette when omitted.</param>
    public static async Task<HeadlessChatWindow> StartAsync(
        string userName, Func<Hello, Welcome> welcome, TimeZoneInfo? timeZone = null, LogPalette? palette = null)
    {
        var headless = new HeadlessApp(80, 24);
        var server = new FakeRoom();
        try
        {
            var (client, session) = await server.JoinAsync(userName, welcome);
            var viewModel = new ChatViewModel(client, server, new AppDispatcher(headless.App), timeZone: timeZone);
            return new HeadlessChatWindow(headless, server, session, viewModel, new ChatWindow(viewModel, palette));
        }
        catch
        {
            await server.DisposeAsync();
            headless.Dispose();
            throw;
        }
    }

    /// <summary>Sends messages from the server and runs the main loop until the current window's log has grown by as many lines.</summary>
    public async Task ReceiveAsync(params ChatMessage[] messages)
    {
        var before = ViewModel.Log.Count;
        foreach (var message in messages)
        {
            await Session.SendAsync(message);
        }

        await Headless.RunUntilAsync(() => ViewModel.Log.Count >= before + messages.Length, $"{string.Join(", ", messages.Select(m => m.GetType().Name))} in the log");
    }

    public async ValueTask DisposeAsync()
    {
        await ViewModel.DisposeAsync();
        await _reading.WithTimeout();
        await Server.DisposeAsync();
        Headless.Dispose();
        Window.Dispose();
    }
}
