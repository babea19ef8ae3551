using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Chat.Client.Tui.Tests.Support;

namespace Chat.Client.Tui.Tests.EndToEnd;

/// <summary>
/// Issue 16's "done when", in the real client in tmux against the real server: an operator (an
/// account from the server's command line, logged in with its password from a file) bans a user
/// from the TUI; the user is told why and until when, and told again when reconnecting; a user
/// registers a name, which is then refused to a client without its password.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ModerationEndToEndTests
{
    private const string OperatorPassword = "operator password";

    private static string ClientCommand(int port, string name, string extra = "") =>
        $"dotnet {Path.Combine(AppContext.BaseDirectory, "Chat.Client.Tui.dll")} --host 127.0.0.1 --port {port} --name {name} {extra}";

    /// <summary>An operator account's hash in the form docs/protocol.md and SECURITY.md give, with few iterations: the test is not about its cost.</summary>
    private static string Hash(string password)
    {
        const int iterations = 1000;
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    [Fact]
    public async Task AnOperatorBansAUserFromTheTuiAndTheUserIsToldWhyAgainOnTheWayBack()
    {
        var folder = Directory.CreateTempSubdirectory("chat-moderation-e2e-").FullName;
        try
        {
            var id = Guid.NewGuid().ToString("N")[..6];
            string root = $"root{id}", bob = $"bob{id}", carol = $"carol{id}";
            var passwordFile = Path.Combine(folder, "operator-password");
            await File.WriteAllTextAsync(passwordFile, OperatorPassword + "\n");
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await using var server = await ServerProcess.StartAsync("--data", Path.Combine(folder, "data"), "--operator", $"{root}:{Hash(OperatorPassword)}");
            using var tmux = new Tmux();

            tmux.Start(root, ClientCommand(server.Port, root, $"--name-password-file {passwordFile}"), width: 140);
            await tmux.WaitForTextAsync(root, $"{root} [operator]", TestTimeout.Value);
            tmux.Start(bob, ClientCommand(server.Port, bob), width: 140);
            await tmux.WaitForTextAsync(bob, $"as {bob}.", TestTimeout.Value);

            tmux.Type(root, $"/ban {bob} 1h spam");
            tmux.Press(root, "Enter");
            await tmux.WaitForTextAsync(root, $"Banned {bob} until ", TestTimeout.Value);
            await tmux.WaitForTextAsync(bob, "You were banned from this server until ", TestTimeout.Value);

            // Back in by hand: refused, with the server's reason and the ban's end.
            tmux.Press(bob, "C-r");
            await tmux.WaitForTextAsync(bob, $"The name {bob} is banned from this server until ", TestTimeout.Value);
            var screen = await tmux.WaitForTextAsync(bob, "UTC: spam", TestTimeout.Value);
            Assert.Contains("refused to let you back in", screen, StringComparison.Ordinal);

            // Carol registers her name; a second client without its password is refused, and says why.
            tmux.Start(carol, ClientCommand(server.Port, carol), width: 140);
            await tmux.WaitForTextAsync(carol, $"as {carol}.", TestTimeout.Value);
            tmux.Type(carol, "/register carol's secret");
            tmux.Press(carol, "Enter");
            await tmux.WaitForTextAsync(carol, "is not encrypted (no TLS)", TestTimeout.Value);
            tmux.Press(carol, "Enter"); // the warning leaves the line in place: Enter again sends it
            await tmux.WaitForTextAsync(carol, $"{carol} is registered", TestTimeout.Value);
            var impostor = "impostor" + id;
            tmux.Start(impostor, ClientCommand(server.Port, carol), width: 140);
            await tmux.WaitForTextAsync(impostor, "registered", TestTimeout.Value);
            await tmux.WaitForTextAsync(impostor, "Name pass", TestTimeout.Value);

            foreach (var name in new[] { root, bob, carol })
            {
                tmux.Press(name, "C-q");
                Assert.Equal(0, await tmux.WaitForExitAsync(name, TestTimeout.Value));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
