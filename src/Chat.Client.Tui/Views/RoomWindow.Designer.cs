using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Client.Tui.Views;

internal sealed partial class RoomWindow
{

    private ListView _log = null!;
    private FrameView _usersFrame = null!;
    private ListView _users = null!;
    private Label _prompt = null!;
    private InputLineView _input = null!;
    private Label _status = null!;

    private void InitializeComponent()
    {
        _log = new ListView
        {
            X = 0,
            Y = 0,
            Width = Dim.Func(_ => Math.Max(1, Viewport.Width - UserListColumns())),
            Height = Dim.Fill(2),
            CanFocus = true,
            TabStop = TabBehavior.NoStop,
        };

        _usersFrame = new FrameView
        {
            Title = "Users",
            X = Pos.Func(_ => Viewport.Width - UserListColumns()),
            Y = 0,
            Width = Dim.Func(_ => UserListColumns()),
            Height = Dim.Fill(2),
            TabStop = TabBehavior.NoStop,
        };
        _users = new ListView
        {
            X = 0,
            Y = 0,
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            TabStop = TabBehavior.NoStop,
        };
        _usersFrame.Add(_users);

        _prompt = new Label { Text = "> ", X = 0, Y = Pos.AnchorEnd(2) };
        _input = new InputLineView(_viewModel.Input)
        {
            X = Pos.Right(_prompt),
            Y = Pos.AnchorEnd(2),
            Width = Dim.Fill(),
        };
        _status = new Label
        {
            X = 0,
            Y = Pos.AnchorEnd(1),
            Width = Dim.Fill(),
            Height = 1,
        };

        Add(_log, _usersFrame, _prompt, _input, _status);
    }
}
