using Chat.Client.Tui.ViewModels;
using Terminal.Gui.App;

namespace Chat.Client.Tui.Views;

/// <summary>Runs view-model work on Terminal.Gui's main loop with <see cref="IApplication.Invoke(Action)"/>.</summary>
internal sealed class AppDispatcher(IApplication app) : IUiDispatcher
{
    public void Post(Action action)
    {
        try
        {
            app.Invoke(action);
        }
        catch (InvalidOperationException)
        {
            // The application has shut down (this includes ObjectDisposedException): there is no screen left to update.
        }
    }
}
