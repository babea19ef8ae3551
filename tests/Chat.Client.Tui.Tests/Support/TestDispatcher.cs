using System.Threading.Channels;
using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.Support;

/// <summary>
/// Stands in for the UI thread: posted work waits in a queue until the test runs it, so the
/// view model's state changes happen on the test's thread, one at a time, as on a real UI.
/// </summary>
internal sealed class TestDispatcher : IUiDispatcher
{
    private readonly Channel<Action> _queue = Channel.CreateUnbounded<Action>();

    public void Post(Action action) => _queue.Writer.TryWrite(action);

    /// <summary>Runs posted work until <paramref name="condition"/> holds; fails after the timeout.</summary>
    public async Task RunUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TestTimeout.Value);
        while (!condition())
        {
            Action action;
            try
            {
                action = await _queue.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            action();
        }
    }

    /// <summary>Runs whatever work is queued now.</summary>
    public void RunPending()
    {
        while (_queue.Reader.TryRead(out var action))
        {
            action();
        }
    }
}
