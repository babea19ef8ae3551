using Chat.Client.Tui.Connection;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>Trust on first use over real TLS on 127.0.0.1: the question, the answer remembered, and a changed certificate refused.</summary>
public sealed class LoginViewModelTlsTests : IAsyncDisposable, IDisposable
{
    private static readonly string Fingerprint = ChatTlsOptions.FingerprintOf(TestCertificates.Localhost);

    private readonly FakeChatServer _server = FakeChatServer.Start(TransportKind.Tls);
    private readonly string _folder = Directory.CreateTempSubdirectory("chatroom-tofu-").FullName;

    private string FilePath => Path.Combine(_folder, "known_hosts");

    private string Endpoint => $"127.0.0.1:{_server.Port}";

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AnUntrustedCertificateIsShownByItsFingerprintAndOnceTrustedTheLoginGoesOn()
    {
        var hosts = new KnownHosts(FilePath);
        var login = new LoginViewModel(new ChatClientConnector("127.0.0.1", _server.Port, hosts), hosts);

        var asking = login.LoginAsync("alice");
        await using (await _server.AcceptAsync())
        {
            var question = Assert.IsType<LoginNeedsTrust>(await asking.WithTimeout());
            Assert.Equal(Fingerprint, question.Fingerprint);
            Assert.Contains($"This system does not trust the certificate of {Endpoint}", question.Message, StringComparison.Ordinal);
            Assert.Contains(Fingerprint, question.Message, StringComparison.Ordinal);
            Assert.Null(login.Trust(question.Fingerprint));
        }

        Assert.Equal(Fingerprint, new KnownHosts(FilePath).Find(Endpoint));
        var joining = login.LoginAsync("alice");
        await _server.WelcomeNextAsync();
        var client = Assert.IsType<LoginSucceeded>(await joining.WithTimeout()).Client;
        Assert.Equal("alice", client.UserName);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task AChangedCertificateIsRefusedWithBothFingerprintsAndHowToAcceptIt()
    {
        var remembered = new string('C', 64);
        new KnownHosts(FilePath).Remember(Endpoint, remembered);
        var hosts = new KnownHosts(FilePath);
        var login = new LoginViewModel(new ChatClientConnector("127.0.0.1", _server.Port, hosts), hosts);

        var trying = login.LoginAsync("alice");
        await using var session = await _server.AcceptAsync();

        var failed = Assert.IsType<LoginFailed>(await trying.WithTimeout());
        Assert.Contains($"the certificate of {Endpoint} has changed. It was {ChatTlsOptions.Pinned(remembered).PinnedFingerprint}, and it is now {Fingerprint}.", failed.Message, StringComparison.Ordinal);
        Assert.Contains($"delete the line for {Endpoint} from {FilePath}", failed.Message, StringComparison.Ordinal);
        Assert.Equal(ChatTlsOptions.Pinned(remembered).PinnedFingerprint, hosts.Find(Endpoint));
    }
}
