using System.Collections.Concurrent;
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
/// <remarks>
/// The application lives on a thread of its own, its "main thread". Terminal.Gui runs an Invoke
/// at once when called on the main thread and queues it otherwise; were the main thread a pool
/// thread (as a test's thread is), background work reusing that thread would run UI code in
/// the middle of the test. On a dedicated thread every Invoke from elsewhere is queued and runs
/// when the test runs the timers, as it would in the main loop.
/// </remarks>
internal sealed class HeadlessApp : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;
    private readonly SemaphoreSlim _queued = new(0);
    private SessionToken? _session;
    private IApplication? _app;
    private readonly VirtualTimeProvider _time = new();

    public HeadlessApp(int width = 80, int height = 24)
    {
        _thread = new Thread(Pump) { IsBackground = true, Name = "headless Terminal.Gui" };
        _thread.Start();
        OnUi(() =>
        {
            _app = Application.Create(_time).Init(DriverRegistry.Names.ANSI);
            _app.Driver!.SetScreenSize(width, height);
            _app.TimedEvents!.Added += (_, _) => _queued.Release();
        });
    }

    public IApplication App => _app!;

    /// <summary>The screen as plain text, after laying out and drawing.</summary>
    public string Screen => OnUi(() =>
    {
        App.LayoutAndDraw();
        return App.Driver!.ToString() ?? string.Empty;
    });

    /// <summary>Shows <paramref name="runnable"/> without a blocking loop.</summary>
    public void Begin(IRunnable runnable) => OnUi(() => _session = App.Begin(runnable));

    public void Type(string text) => OnUi(() =>
    {
        foreach (var c in text)
        {
            App.InjectKey(new Key(c));
        }
    });

    public void Press(Key key) => OnUi(() => App.InjectKey(key));

    /// <summary>
    /// Feeds <paramref name="raw"/> to the driver's input parser as a terminal would send it, then lets the
    /// parser's escape timeout pass (on the virtual clock) so that it settles what it held.
    /// </summary>
    public void Receive(string raw) => OnUi(() =>
    {
        var input = (InputProcessorImpl<char>)App.Driver!.GetInputProcessor();
        foreach (var c in raw)
        {
            input.InputQueue.Enqueue(c);
        }

        input.ProcessQueue();
        _time.Advance(TimeSpan.FromSeconds(1));
        input.ProcessQueue();
    });

    /// <summary>Runs work queued with Invoke until <paramref name="condition"/> holds, waiting for new work as it is queued.</summary>
    public async Task RunUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TestTimeout.Value);
        while (true)
        {
            OnUi(() => App.TimedEvents!.RunTimers());
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

    public void OnUi(Action action) => OnUi(() =>
    {
        action();
        return true;
    });

    public T OnUi<T>(Func<T> function)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                result.SetResult(function());
            }
            catch (Exception ex)
            {
                result.SetException(ex);
            }
        });
        return result.Task.WaitAsync(TestTimeout.Value).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        OnUi(() =>
        {
            if (_session is not null)
            {
                App.End(_session);
            }

            App.Dispose();
        });
        _work.CompleteAdding();
        _thread.Join(TestTimeout.Value);
        _work.Dispose();
        _queued.Dispose();
    }

    private void Pump()
    {
        foreach (var action in _work.GetConsumingEnumerable())
        {
            action();
        }
    }
}
