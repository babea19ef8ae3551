using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace Chat.Client.Tui.Tests.Support;

/// <summary>
/// A Terminal.Gui application on the ANSI driver with no real terminal: keys are injected,
/// the screen is read back as text, and work queued with Invoke runs when the test says so.
/// </summary>
internal sealed class HeadlessApp : IDisposable
{
    private readonly SemaphoreSlim _queued = new(0);
    private SessionToken? _session;

    public HeadlessApp(int width = 80, int height = 24)
    {
        App = Application.Create(new VirtualTimeProvider()).Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
        App.TimedEvents!.Added += (_, _) => _queued.Release();
    }

    public IApplication App { get; }

    /// <summary>The screen as plain text, after laying out and drawing.</summary>
    public string Screen
    {
        get
        {
            App.LayoutAndDraw();
            return App.Driver!.ToString() ?? string.Empty;
        }
    }

    /// <summary>
    /// Shows <paramref name="runnable"/> without a blocking loop. Terminal.Gui installs its main-loop
    /// synchronization context on this thread; the test takes it off again, because no loop runs
    /// here to pump it and the test's own awaits would never resume.
    /// </summary>
    public void Begin(IRunnable runnable)
    {
        _session = App.Begin(runnable);
        SynchronizationContext.SetSynchronizationContext(null);
    }

    public void Type(string text)
    {
        foreach (var c in text)
        {
            App.InjectKey(new Key(c));
        }
    }

    public void Press(Key key) => App.InjectKey(key);

    /// <summary>Runs work queued with Invoke until <paramref name="condition"/> holds, waiting for new work as it is queued.</summary>
    public async Task RunUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TestDispatcher.Timeout);
        while (true)
        {
            App.TimedEvents!.RunTimers();
            if (condition())
            {
                return;
            }

            try
            {
                await _queued.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for: {what}\n{Screen}");
            }
        }
    }

    public void Dispose()
    {
        if (_session is not null)
        {
            App.End(_session);
        }

        App.Dispose();
        _queued.Dispose();
    }
}
