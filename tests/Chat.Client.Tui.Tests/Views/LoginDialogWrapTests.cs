using System.Text.RegularExpressions;
using Chat.Client.Tui.Connection;
using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;
using Moq;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>The login dialog's messages at 80x24: every word of a long message is on screen, wrapped inside the dialog.</summary>
public sealed partial class LoginDialogWrapTests : IDisposable
{
    private readonly HeadlessApp _headless = new(80, 24);
    private readonly Mock<IChatConnector> _connector = new(MockBehavior.Strict);
    private LoginDialog? _dialog;

    public LoginDialogWrapTests() => _connector.SetupGet(c => c.Endpoint).Returns("127.0.0.1:5999");

    public void Dispose()
    {
        _headless.Dispose();
        _dialog?.Dispose();
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
        _dialog = new LoginDialog(new LoginViewModel(_connector.Object), name, joinAtOnce);
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
        _connector.Setup(c => c.ConnectAsync("ALICE", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatRejectedException(RejectReason.NameTaken, "The name \"ALICE\" is already taken; please choose another."));
        Show("ALICE", joinAtOnce: true);
        var expected = "That name is taken; choose another. (The name \"ALICE\" is already taken; please choose another.) Try another name.";
        await _headless.RunUntilAsync(() => DialogText().Contains(expected, StringComparison.Ordinal), "the whole refusal on screen");
    }

    [Fact]
    public async Task NoServerIsExplainedInFullWithRetryAndQuit()
    {
        var refused = new ChatConnectionRefusedException("127.0.0.1", 5999);
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>())).ThrowsAsync(refused);
        Show("alice", joinAtOnce: true);
        var expected = ProblemText.Describe(refused) + " Retry or Quit?";
        await _headless.RunUntilAsync(() => DialogText().Contains(expected, StringComparison.Ordinal), "the whole problem on screen");
        Assert.Contains("Retry", DialogText());
        Assert.Contains("Quit", DialogText());
    }
}
