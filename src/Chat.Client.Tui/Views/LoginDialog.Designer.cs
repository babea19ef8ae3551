using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Client.Tui.Views;

internal sealed partial class LoginDialog
{
    private Label _intro = null!;
    private Label _nameLabel = null!;
    private TextField _name = null!;
    private Label _passwordLabel = null!;
    private TextField _password = null!;
    private Label _namePasswordLabel = null!;
    private TextField _namePassword = null!;
    private Label _message = null!;
    private Button _quit = null!;
    private Button _join = null!;

    private void InitializeComponent()
    {
        Title = "ChatRoom";
        Width = 64;
        Height = 14;

        _intro = new Label { X = 1, Y = 0, Width = Dim.Fill(1) };
        _nameLabel = new Label { Text = "_Name:", X = 1, Y = 2 };
        _name = new TextField { X = Pos.Right(_nameLabel) + 1, Y = 2, Width = Dim.Fill(1) };

        // Shown only once the server asks for a password; what is typed is never drawn.
        _passwordLabel = new Label { Text = "_Password:", X = 1, Y = 3, Visible = false };
        _password = new TextField { X = Pos.Right(_passwordLabel) + 1, Y = 3, Width = Dim.Fill(1), Secret = true, Visible = false };

        // Shown only once the server says the name is registered; never drawn either.
        _namePasswordLabel = new Label { Text = "Name pass_word:", X = 1, Y = 4, Visible = false };
        _namePassword = new TextField { X = Pos.Right(_namePasswordLabel) + 1, Y = 4, Width = Dim.Fill(1), Secret = true, Visible = false };

        // Up to four wrapped lines: the longest refusal ("That name is taken; ... (the server's own words)") fits at 80x24.
        _message = new Label { X = 1, Y = 5, Width = Dim.Fill(1), Height = 4 };
        _message.TextFormatter.WordWrap = true;

        // Messages are text, not labels with a hot key: "'_'" must show its underscore.
        _message.HotKeySpecifier = (System.Text.Rune)0xFFFF;
        _quit = new Button { Text = "_Quit" };
        _join = new Button { Text = "_Join" };

        Add(_intro, _nameLabel, _name, _passwordLabel, _password, _namePasswordLabel, _namePassword, _message);
        AddButton(_quit);
        AddButton(_join);
    }
}
