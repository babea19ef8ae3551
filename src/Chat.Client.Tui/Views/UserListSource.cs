using System.Collections;
using System.Collections.Specialized;
using Chat.Client.Tui.ViewModels;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;

namespace Chat.Client.Tui.Views;

/// <summary>The users in the room in view, each in the colour their lines use; those away dimmed and in italics.</summary>
internal sealed class UserListSource(ChatViewModel viewModel, LogPalette palette) : IListDataSource
{
    public event NotifyCollectionChangedEventHandler? CollectionChanged;

    public int Count => viewModel.Users.Count;

    public int MaxItemLength => viewModel.Users.Count == 0 ? 0 : viewModel.Users.Max(TerminalText.Columns);

    public bool SuspendCollectionChangedEvent { get; set; }

    public bool IsMarked(int item) => false;

    public void SetMark(int item, bool value)
    {
        // The user list has no marks.
    }

    public bool RenderMark(ListView listView, int item, int row, bool isMarked, bool markMultiple) => false;

    public IList ToList() => viewModel.Users.ToList();

    public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX)
    {
        var normal = listView.GetAttributeForRole(VisualRole.Normal);
        listView.Move(col, row);
        var used = 0;
        if (item >= 0 && item < viewModel.Users.Count)
        {
            var name = viewModel.Users[item];
            var own = string.Equals(name, viewModel.UserName, StringComparison.OrdinalIgnoreCase);
            var attribute = palette.ForNick(name, own, normal);
            if (viewModel.Current is RoomWindowViewModel room && room.IsAway(name))
            {
                attribute = attribute with { Style = attribute.Style | TextStyle.Faint | TextStyle.Italic };
            }

            if (selected && listView.HasFocus)
            {
                attribute = attribute with { Style = attribute.Style | TextStyle.Reverse };
            }

            var text = TerminalText.Clip(name, width);
            listView.SetAttribute(attribute);
            listView.AddStr(TerminalText.Display(text));
            used = TerminalText.Columns(text);
        }

        if (used < width)
        {
            listView.SetAttribute(normal);
            listView.AddStr(new string(' ', width - used));
        }
    }

    /// <summary>Tells the list the users changed.</summary>
    public void Refresh()
    {
        if (!SuspendCollectionChangedEvent)
        {
            CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Reset));
        }
    }

    public void Dispose()
    {
        // Nothing to release: the list reads the view model.
    }
}
