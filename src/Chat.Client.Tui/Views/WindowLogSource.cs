using System.Collections;
using System.Collections.Specialized;
using Terminal.Gui.Views;

namespace Chat.Client.Tui.Views;

/// <summary>
/// The log view's one data source, showing the log of the window in view. A <see cref="ListView"/>
/// disposes the source it is given when it gets another, which would stop a window's
/// <see cref="MessageLogSource"/> from following its log while out of view; so the list keeps
/// this one, and switching windows only changes what it shows.
/// </summary>
internal sealed class WindowLogSource : IListDataSource
{
    private MessageLogSource? _target;

    public event NotifyCollectionChangedEventHandler? CollectionChanged;

    public int Count => _target?.Count ?? 0;

    public int MaxItemLength => _target?.MaxItemLength ?? 0;

    public bool SuspendCollectionChangedEvent { get; set; }

    /// <summary>The log shown; setting it tells the list everything changed.</summary>
    public MessageLogSource? Target
    {
        get => _target;
        set
        {
            if (ReferenceEquals(value, _target))
            {
                return;
            }

            if (_target is not null)
            {
                _target.CollectionChanged -= OnTargetChanged;
            }

            _target = value;
            if (_target is not null)
            {
                _target.CollectionChanged += OnTargetChanged;
            }

            OnTargetChanged(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Reset));
        }
    }

    public bool IsMarked(int item) => false;

    public void SetMark(int item, bool value)
    {
        // The log has no marks.
    }

    public bool RenderMark(ListView listView, int item, int row, bool isMarked, bool markMultiple) => false;

    public IList ToList() => _target?.ToList() ?? new List<string>();

    public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX) =>
        _target?.Render(listView, selected, item, col, row, width, viewportX);

    /// <summary>Stops showing the target (the list disposes its source when it gets another or closes); the windows' own sources live on.</summary>
    public void Dispose()
    {
        if (_target is not null)
        {
            _target.CollectionChanged -= OnTargetChanged;
            _target = null;
        }
    }

    private void OnTargetChanged(object? sender, NotifyCollectionChangedEventArgs e)
    {
        if (!SuspendCollectionChangedEvent)
        {
            CollectionChanged?.Invoke(this, e);
        }
    }
}
