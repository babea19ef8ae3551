using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace Chat.Client.Tui.Views;

/// <summary>
/// Asks for a user name and joins. A name the rules or the server refuse is explained here and
/// the user types another; a server that cannot be reached is explained here too, with Retry
/// and Quit; a server that wants a password gets a secret field for it, and so does a registered
/// name (never drawn, kept only for this run's reconnects); a ban is told with why and until when. Closes with <see cref="Client"/> set once in the room, or unset when the user quit.
/// </summary>
internal sealed partial class LoginDialog : Dialog
{
    private readonly LoginViewModel _viewModel;
    private readonly CancellationTokenSource _closing = new();
    private bool _busy;
    private bool _closed;
    private string? _trusting;

    /// <summary>Creates the dialog.</summary>
    /// <param name="viewModel">The login's logic.</param>
    /// <param name="name">A name to start with (from --name).</param>
    /// <param name="joinAtOnce">Whether to join with <paramref name="name"/> as soon as the dialog shows.</param>
    public LoginDialog(LoginViewModel viewModel, string? name, bool joinAtOnce)
    {
        _viewModel = viewModel;
        InitializeComponent();
        _intro.Text = $"Join the chat on {viewModel.Endpoint}";
        _name.Text = name ?? string.Empty;
        _name.Accepting += (_, e) =>
        {
            e.Handled = true;
            StartLogin();
        };
        _password.Accepting += (_, e) =>
        {
            e.Handled = true;
            StartLogin();
        };
        _namePassword.Accepting += (_, e) =>
        {
            e.Handled = true;
            StartLogin();
        };
        _join.Accepting += (_, e) =>
        {
            e.Handled = true;
            StartLogin();
        };
        _quit.Accepting += (_, e) =>
        {
            e.Handled = true;
            Quit();
        };
        KeyDown += OnKeyDown;
        IsRunningChanged += (_, e) =>
        {
            if (e.Value && joinAtOnce)
            {
                joinAtOnce = false;
                StartLogin();
            }
        };
    }

    /// <summary>The client, in the room, once the login succeeded.</summary>
    public ChatClient? Client { get; private set; }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _closed = true;
            _closing.Cancel();
            _closing.Dispose();
        }

        base.Dispose(disposing);
    }

    private void OnKeyDown(object? sender, Key key)
    {
        if (key == Key.Q.WithCtrl)
        {
            key.Handled = true;
            Quit();
        }
        else if (key == Key.Esc)
        {
            // Esc does not quit; the Quit button and Ctrl+Q do.
            key.Handled = true;
        }
    }

    private void Quit()
    {
        _closed = true;
        _closing.Cancel();
        RequestStop();
    }

    private void StartLogin()
    {
        if (_busy || _closed)
        {
            return;
        }

        var name = _name.Text ?? string.Empty;
        if (LoginViewModel.CheckName(name) is { } problem)
        {
            ShowMessage(problem);
            _name.SetFocus();
            return;
        }

        if (_trusting is { } fingerprint)
        {
            // The user answered "trust" to the certificate shown.
            _trusting = null;
            _join.Text = "_Join";
            if (_viewModel.Trust(fingerprint) is { } failure)
            {
                ShowMessage(failure);
                return;
            }
        }

        // Only a password typed here replaces the connector's (from --password-file, or none).
        var password = _password.Visible ? _password.Text ?? string.Empty : null;
        var namePassword = _namePassword.Visible ? _namePassword.Text ?? string.Empty : null;
        SetBusy(true);
        ShowMessage($"Connecting to {_viewModel.Endpoint}…");
        var app = App;
        var token = _closing.Token;
        _ = Task.Run(async () =>
        {
            LoginResult result;
            try
            {
                result = await _viewModel.LoginAsync(name, password, namePassword, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                result = new LoginFailed(ProblemText.Describe(ex));
            }

            try
            {
                if (app is null)
                {
                    throw new InvalidOperationException("The dialog is not running.");
                }

                app.Invoke(() => OnLoginResult(result));
            }
            catch (InvalidOperationException)
            {
                // The application has shut down; nobody will use the session.
                if (result is LoginSucceeded late)
                {
                    await late.Client.DisposeAsync();
                }
            }
        }, CancellationToken.None);
    }

    private void OnLoginResult(LoginResult result)
    {
        SetBusy(false);
        switch (result)
        {
            case LoginSucceeded succeeded when _closed:
                _ = succeeded.Client.DisposeAsync().AsTask();
                break;
            case LoginSucceeded succeeded:
                Client = succeeded.Client;
                RequestStop();
                break;
            case LoginRefused refused:
                ShowMessage(refused.Message + " Try another name.");
                _join.Text = "_Join";
                _name.SetFocus();
                break;
            case LoginNeedsTrust trust:
                _trusting = trust.Fingerprint;
                ShowMessage(trust.Message + " Trust it, or Quit?");
                _join.Text = "_Trust";
                _join.SetFocus();
                break;
            case LoginNeedsPassword needed:
                ShowMessage(needed.Message + " Type it and press Enter.");
                _passwordLabel.Visible = true;
                _password.Visible = true;
                _password.Text = string.Empty;
                _join.Text = "_Join";
                _password.SetFocus();
                break;
            case LoginNeedsNamePassword needed:
                ShowMessage(needed.Message);
                _namePasswordLabel.Visible = true;
                _namePassword.Visible = true;
                _namePassword.Text = string.Empty;
                _join.Text = "_Join";
                _namePassword.SetFocus();
                break;
            case LoginFailed failed:
                ShowMessage(failed.Message + " Retry or Quit?");
                _join.Text = "_Retry";
                _join.SetFocus();
                break;
        }
    }

    private void SetBusy(bool busy)
    {
        _busy = busy;
        _name.ReadOnly = busy;
        _password.ReadOnly = busy;
        _namePassword.ReadOnly = busy;
        _join.Enabled = !busy;
    }

    private void ShowMessage(string text) => _message.Text = text;
}
