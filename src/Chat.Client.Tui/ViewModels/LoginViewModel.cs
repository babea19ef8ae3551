using Chat.Client.Tui.Connection;
using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The login: checks the name locally (not empty, not "Server", only allowed characters),
/// connects, and tells a refused name (which the user can change) from a server that cannot
/// be reached (which the user can retry), and a server that wants a password (which the user
/// then types; it is kept only in the connector, for reconnects).
/// </summary>
public sealed class LoginViewModel(IChatConnector connector)
{
    /// <summary>Where the client connects, "host:port".</summary>
    public string Endpoint => connector.Endpoint;

    /// <summary>Checks a name without connecting.</summary>
    /// <param name="name">The name as typed.</param>
    /// <returns>Why the name cannot be used, or <see langword="null"/> when it can.</returns>
    public static string? CheckName(string? name)
    {
        var problem = UserNameRules.Check(name);
        return problem == UserNameProblem.None ? null : UserNameRules.Describe(problem, name);
    }

    /// <summary>Checks the name, connects and joins.</summary>
    /// <param name="name">The name as typed.</param>
    /// <param name="password">The password as typed, or <see langword="null"/> to keep the one the connector has (from --password-file, or none).</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The outcome; never throws for a network or server problem.</returns>
    public async Task<LoginResult> LoginAsync(string? name, string? password = null, CancellationToken cancellationToken = default)
    {
        if (CheckName(name) is { } problem)
        {
            return new LoginRefused(problem);
        }

        if (password is not null)
        {
            connector.Password = password;
        }

        try
        {
            var client = await connector.ConnectAsync(UserNameRules.Normalize(name), cancellationToken);
            return new LoginSucceeded(client);
        }
        catch (ChatRejectedException ex) when (ex.IsPasswordProblem)
        {
            return new LoginNeedsPassword(connector.Password.Length == 0 ? "This server needs a password." : "The password is wrong.");
        }
        catch (ChatRejectedException ex) when (ex.IsNameProblem || ex.Reason == RejectReason.ServerFull)
        {
            return new LoginRefused(ProblemText.Describe(ex));
        }
        catch (ChatException ex)
        {
            return new LoginFailed(ProblemText.Describe(ex));
        }
    }
}
