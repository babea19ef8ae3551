using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Client.Tui.Views;

internal sealed partial class ChatWindow
{

    private Label _topic = null!;
    private ListView _log = null!;
    private FrameView _usersFrame = null!;
    private ListView _users = null!;
    private Label _prompt = null!;
    private InputLineView _input = null!;
    private Label _status = null!;
    private WindowBar _bar = null!;

    private void InitializeComponent()
    {
        _topic = new Label
        {
            X = 0,
            Y = 0,
            Width = Dim.Fill(),
            Height = Dim.Func(_ => TopicRows()),
        };
        _log = new ListView
        {
            X = 0,
            Y = Pos.Func(_ => TopicRows()),
            Width = Dim.Func(_ => Math.Max(1, Viewport.Width - UserListColumns())),
            Height = Dim.Fill(3),
            CanFocus = true,
            TabStop = TabBehavior.NoStop,
        };

        _usersFrame = new FrameView
        {
            Title = "Users",
            X = Pos.Func(_ => Viewport.Width - UserListColumns()),
            Y = Pos.Func(_ => TopicRows()),
            Width = Dim.Func(_ => UserListColumns()),
            Height = Dim.Fill(3),
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

        _bar = new WindowBar(_viewModel.Windows, _palette)
        {
            X = 0,
            Y = Pos.AnchorEnd(3),
            Width = Dim.Fill(),
        };
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

        Add(_topic, _log, _usersFrame, _bar, _prompt, _input, _status);
    }
}
