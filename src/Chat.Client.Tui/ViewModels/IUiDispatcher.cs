namespace Chat.Client.Tui.ViewModels;

/// <summary>Runs work on the UI thread. The views pass one backed by <c>IApplication.Invoke</c>.</summary>
public interface IUiDispatcher
{
    /// <summary>Runs <paramref name="action"/> on the UI thread, now when already there, otherwise soon.</summary>
    /// <param name="action">The work.</param>
    void Post(Action action);
}
