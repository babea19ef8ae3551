using Chat.Client.Tui.Connection;
using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// The login: checks the name locally (not empty, not "Server", only allowed characters),
/// connects, and tells a refused name (which the user can change) from a server that cannot
/// be reached (which the user can retry), a server that wants a password, and a registered name
/// that wants its own (which the user then types; each is kept only in the connector, for
/// reconnects). A ban is told with its reason and until when.
/// </summary>
/// <remarks>
/// With TLS (<paramref name="knownHosts"/>), a certificate this system does not trust is trust on
/// first use: the result asks the user (<see cref="LoginNeedsTrust"/>), and <see cref="Trust"/>
/// remembers the answer.
/// </remarks>
public sealed class LoginViewModel(IChatConnector connector, KnownHosts? knownHosts = null)
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

    /// <summary>Trusts a server's certificate from now on (in the known hosts file), as the user answered a <see cref="LoginNeedsTrust"/>.</summary>
    /// <param name="fingerprint">The certificate's fingerprint, from that result.</param>
    /// <returns>Why it cannot be remembered, or <see langword="null"/> when it is.</returns>
    public string? Trust(string fingerprint)
    {
        if (knownHosts is null)
        {
            throw new InvalidOperationException("Only a TLS login trusts certificates.");
        }

        try
        {
            knownHosts.Remember(Endpoint, fingerprint);
            return null;
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Checks the name, connects and joins.</summary>
    /// <param name="name">The name as typed.</param>
    /// <param name="password">The server's password as typed, or <see langword="null"/> to keep the one the connector has (from --password-file, or none).</param>
    /// <param name="namePassword">The name's password as typed, or <see langword="null"/> to keep the one the connector has (from --name-password-file, or none).</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The outcome; never throws for a network or server problem.</returns>
    public async Task<LoginResult> LoginAsync(
        string? name, string? password = null, string? namePassword = null, CancellationToken cancellationToken = default)
    {
        if (CheckName(name) is { } problem)
        {
            return new LoginRefused(problem);
        }

        if (password is not null)
        {
            connector.Password = password;
        }

        if (namePassword is not null)
        {
            connector.NamePassword = namePassword;
        }

        try
        {
            var client = await connector.ConnectAsync(UserNameRules.Normalize(name), cancellationToken);
            return new LoginSucceeded(client);
        }
        catch (ChatTlsException ex) when (knownHosts is not null && ex.Problem == ChatTlsProblem.Untrusted && ex.Fingerprint is { } fingerprint)
        {
            return new LoginNeedsTrust(
                fingerprint,
                $"This system does not trust the certificate of {Endpoint} (it may be self-signed). Its SHA-256 fingerprint is {fingerprint}. " +
                "Trust it only if it is the fingerprint the server's operator gave you.");
        }
        catch (IOException ex)
        {
            return new LoginFailed(ProblemText.Describe(ex));
        }
        catch (ChatRejectedException ex) when (ex.IsPasswordProblem)
        {
            return new LoginNeedsPassword(connector.Password.Length == 0 ? "This server needs a password." : "The password is wrong.");
        }
        catch (ChatRejectedException ex) when (ex.IsNamePasswordProblem)
        {
            var shown = TextSanitizer.Sanitize(UserNameRules.Normalize(name));
            return new LoginNeedsNamePassword(connector.NamePassword.Length == 0
                ? $"{shown} is registered: it can be used only with its password. Type it, or choose another name."
                : $"The password of {shown} is wrong. Type it again, or choose another name.");
        }
        catch (ChatRejectedException ex) when (ex.IsBanned)
        {
            return new LoginFailed(ProblemText.Describe(ex));
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
