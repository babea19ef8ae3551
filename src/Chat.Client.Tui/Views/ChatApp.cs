using Chat.Client.Tui.Connection;
using Chat.Client.Tui.Settings;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Terminal.Gui.App;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Views;

/// <summary>The whole client on an initialized application: the login dialog, then the chat until the user quits.</summary>
internal sealed class ChatApp(IApplication app, IChatConnector connector, ClientSettings settings, KnownHosts? knownHosts = null)
{
    /// <summary>An unexpected error that stopped the UI, if one did.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The chat window while it runs.</summary>
    public ChatWindow? Chat { get; private set; }

    /// <summary>Runs the client on the calling (main) thread; returns when the user has quit.</summary>
    /// <param name="name">The name from the command line, if any: joins with it at once.</param>
    /// <returns>The exit code: 0.</returns>
    public int Run(string? name)
    {
        ChatClient? client;
        using (var login = new LoginDialog(new LoginViewModel(connector, knownHosts), name, joinAtOnce: name is not null))
        {
            if (settings.Mono)
            {
                login.SetScheme(LogPalette.MonoScheme);
            }

            app.Run(login, OnError);
            client = login.Client;
        }

        if (client is null || Failure is not null)
        {
            return 0;
        }

        var viewModel = new ChatViewModel(client, connector, new AppDispatcher(app), settings: settings);
        using var chat = new ChatWindow(viewModel, settings.Mono ? LogPalette.Mono : LogPalette.Color);
        using var alerts = new ChatAlerts(app, viewModel);
        Chat = chat;
        app.Keyboard.KeyDown += OnAppKeyDown;
        var reading = Task.Run(viewModel.RunAsync);
        try
        {
            app.Run(chat, OnError);
        }
        finally
        {
            app.Keyboard.KeyDown -= OnAppKeyDown;
            Chat = null;

            // Off the UI thread: the main loop has stopped and must not be waited on.
            Task.Run(async () =>
            {
                await viewModel.DisposeAsync();
                await reading;
            }).Wait(ShutdownTimeout);
        }

        return 0;
    }

    private static TimeSpan ShutdownTimeout => TimeSpan.FromSeconds(5);

    /// <summary>Ends the session politely from outside the UI (SIGTERM, SIGHUP).</summary>
    public void RequestQuit() =>
        new AppDispatcher(app).Post(() =>
        {
            if (Chat is { } chat)
            {
                _ = chat.ViewModel.QuitAsync();
            }
            else
            {
                app.RequestStop();
            }
        });

    /// <summary>An exception escaped a UI handler: remember it, stop the UI cleanly, and report it after the terminal is restored.</summary>
    private bool OnError(Exception exception)
    {
        Failure ??= exception;
        app.RequestStop();
        return true;
    }

    private void OnAppKeyDown(object? sender, Key key)
    {
        // A key pressed: the user is here and has seen what alerted.
        Chat?.ViewModel.MarkAlertsSeen();

        // Esc would stop the top runnable; only dialogs on top of the chat may use it.
        if (Chat is { } chat && ReferenceEquals(app.TopRunnableView, chat) && chat.HandleGlobalKey(key))
        {
            key.Handled = true;
        }
    }
}
