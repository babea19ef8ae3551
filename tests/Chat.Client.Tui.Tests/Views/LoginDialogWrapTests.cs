using System.Text.RegularExpressions;
using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>The login dialog's messages at 80x24: every word of a long message is on screen, wrapped inside the dialog.</summary>
public sealed partial class LoginDialogWrapTests : IAsyncDisposable
{
    private readonly HeadlessApp _headless = new(80, 24);
    private readonly FakeRoom _server = new();
    private LoginDialog? _dialog;

    public async ValueTask DisposeAsync()
    {
        _headless.Dispose();
        _dialog?.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>The dialog's side border.</summary>
    private const char Border = '┃';

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>The text inside the dialog's border, its rows joined by spaces, runs of spaces as one.</summary>
    private string DialogText()
    {
        var rows = _headless.Screen.Split('\n')
            .Select(r => r.TrimEnd('\r'))
            .Where(r => r.Contains(Border, StringComparison.Ordinal))
            .Select(r => r[(r.IndexOf(Border, StringComparison.Ordinal) + 1)..r.LastIndexOf(Border)]);
        return Spaces().Replace(string.Join(' ', rows), " ");
    }

    private void Show(string? name = null, bool joinAtOnce = false)
    {
        _dialog = new LoginDialog(new LoginViewModel(_server), name, joinAtOnce);
        _headless.Begin(_dialog);
    }

    [Fact]
    public void ANameWithForbiddenCharactersIsExplainedInFull()
    {
        Show();
        _headless.Type("bad name!");
        _headless.Press(Key.Enter);
        var expected = LoginViewModel.CheckName("bad name!");
        Assert.NotNull(expected);
        Assert.True(DialogText().Contains(expected, StringComparison.Ordinal), _headless.Screen);
    }

    [Fact]
    public async Task ATakenNameIsExplainedInFull()
    {
        var refusing = _server.RejectNextAsync(RejectReason.NameTaken, "The name \"ALICE\" is already taken; please choose another.");
        Show("ALICE", joinAtOnce: true);
        await refusing.WithTimeout();
        var expected = "That name is taken; choose another. (The name \"ALICE\" is already taken; please choose another.) Try another name.";
        await _headless.RunUntilAsync(() => DialogText().Contains(expected, StringComparison.Ordinal), "the whole refusal on screen");
    }

    [Fact]
    public async Task NoServerIsExplainedInFullWithRetryAndQuit()
    {
        var refused = new ChatConnectionRefusedException("127.0.0.1", 5999);
        _server.FailNext(refused);
        Show("alice", joinAtOnce: true);
        var expected = ProblemText.Describe(refused) + " Retry or Quit?";
        await _headless.RunUntilAsync(() => DialogText().Contains(expected, StringComparison.Ordinal), "the whole problem on screen");
        Assert.Contains("Retry", DialogText());
        Assert.Contains("Quit", DialogText());
    }
}
