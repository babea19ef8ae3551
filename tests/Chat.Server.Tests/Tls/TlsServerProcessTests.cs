using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Tls;

/// <summary>The server program with TLS: make-cert, --tls-cert/--tls-key, and SIGHUP, as an operator uses them.</summary>
public class TlsServerProcessTests
{
    private const int SigHup = 1;

    [Fact]
    public async Task MakeCertWritesAKeyOnlyItsOwnerCanReadAndPrintsTheFingerprintClientsSee()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chat-make-cert-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var make = ProgramProcess.Start(ServerProcess.DefaultDll, "make-cert", "--out", folder, "--name", "chat.example.org", "--name", "127.0.0.1"))
            {
                Assert.Equal(0, await make.WaitForExitAsync());
                var printed = Assert.Single(make.OutputLines, line => line.StartsWith("SHA-256 fingerprint: ", StringComparison.Ordinal))["SHA-256 fingerprint: ".Length..];
                var crt = Path.Combine(folder, SelfSignedCertificate.CertificateFileName);
                var key = Path.Combine(folder, SelfSignedCertificate.KeyFileName);
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
                }

                using var certificate = CertificateFiles.Load(new TlsFiles(crt, key));
                Assert.Equal(ChatTlsOptions.FingerprintOf(certificate), printed);
                Assert.Equal("CN=chat.example.org", certificate.Subject);
            }

            await using var again = ProgramProcess.Start(ServerProcess.DefaultDll, "make-cert", "--out", folder);
            Assert.Equal(1, await again.WaitForExitAsync());
            Assert.Contains(again.ErrorLines, line => line.Contains("exists already", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task SighupReloadsTheCertificateAndTheServerKeepsRunning()
    {
        using var tls = new TlsFolder();
        await using var server = await ServerProcess.StartAsync("--tls-cert", tls.CertificatePath, "--tls-key", tls.KeyPath);
        await using var alice = await ChatClient.ConnectAsync("127.0.0.1", server.Port, "alice", tls.PinnedClient).WithTimeout();
        using var renewed = TestCertificates.Create("localhost");
        tls.Write(renewed);

        server.Process.Signal(SigHup);

        await server.Process.WaitForErrorAsync($"SHA-256 fingerprint {tls.Fingerprint}");
        await using var bob = await ChatClient.ConnectAsync("127.0.0.1", server.Port, "bob", tls.PinnedClient).WithTimeout();
        await alice.SendAsync("after the reload").AsTask().WithTimeout();
        Assert.Equal("after the reload", (await bob.NextAsync<TextPosted>()).Text);
        Assert.False(server.Process.HasExited);
    }

    [Fact]
    public async Task WithoutTlsSighupIsLoggedAndIgnored()
    {
        await using var server = await ServerProcess.StartAsync();

        server.Process.Signal(SigHup);

        await server.Process.WaitForErrorAsync("SIGHUP received: TLS is off");
        await using var alice = await server.JoinAsync("alice");
        Assert.False(server.Process.HasExited);
    }

    [Fact]
    public async Task ACertificateThatCannotBeLoadedIsOneLineAndExitCodeOne()
    {
        await using var process = ProgramProcess.Start(ServerProcess.DefaultDll, "--port", "0", "--history", "memory", "--console-socket", "none", "--tls-cert", "/nonexistent/server.crt");

        Assert.Equal(1, await process.WaitForExitAsync());
        Assert.Equal(["The TLS certificate file /nonexistent/server.crt does not exist."], process.ErrorLines);
    }

    [Fact]
    public async Task AKeyWithoutACertificateIsExplained()
    {
        await using var process = ProgramProcess.Start(ServerProcess.DefaultDll, "--port", "0", "--history", "memory", "--console-socket", "none", "--tls-key", "server.key");

        Assert.Equal(1, await process.WaitForExitAsync());
        Assert.Equal(["--tls-key needs --tls-cert: give the certificate too."], process.ErrorLines);
    }
}
