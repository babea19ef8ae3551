using Chat.Protocol;

namespace Chat.Server.Tests.Accounts;

/// <summary>PBKDF2-SHA256 hashes in their written form, the password rules and operator accounts from the command line.</summary>
public class PasswordHashTests
{
    [Fact]
    public void AHashVerifiesItsPasswordAndNoOther()
    {
        var hash = PasswordHash.Hash("correct horse", 1000);
        var parts = hash.Split('$');

        Assert.Equal(("pbkdf2-sha256", "1000"), (parts[0], parts[1]));
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.True(PasswordHash.Verify("correct horse", hash));
        Assert.False(PasswordHash.Verify("correct horsE", hash));
        Assert.False(PasswordHash.Verify(string.Empty, hash));
        Assert.NotEqual(hash, PasswordHash.Hash("correct horse", 1000)); // a new salt each time
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha1$1000$c2FsdHNhbHQ=$aGFzaA==")]
    [InlineData("pbkdf2-sha256$0$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0$c2hvcnQ=")]
    public void AHashThatIsNotWellFormedVerifiesNothing(string hash)
    {
        Assert.False(PasswordHash.IsWellFormed(hash, out var problem));
        Assert.NotEmpty(problem);
        Assert.False(PasswordHash.Verify("anything", hash));
    }

    [Theory]
    [InlineData("1234567", "A password needs at least 8 characters.")]
    [InlineData("new\nline password", "A password may not hold control characters (line breaks, tabs, escapes).")]
    [InlineData("12345678", null)]
    [InlineData("émoji 👍🏽 ok", null)]
    public void PasswordsFollowTheRules(string password, string? problem) => Assert.Equal(problem, NamePasswordRules.Check(password));

    [Fact]
    public void APasswordOfMoreThan256CharactersIsRefused()
    {
        Assert.Null(NamePasswordRules.Check(new string('x', 256)));
        Assert.Equal("A password may have at most 256 characters.", NamePasswordRules.Check(new string('x', 257)));
    }

    [Fact]
    public void AnOperatorAccountIsANameAndAHash()
    {
        var hash = PasswordHash.Hash("operator password", 1000);

        Assert.True(OperatorAccount.TryParse($"alice:{hash}", out var account, out _));
        Assert.Equal(("alice", hash), (account!.Name, account.Hash));
        Assert.Equal("alice (operator)", account.ToString());
        Assert.False(OperatorAccount.TryParse("alice", out _, out var noHash));
        Assert.StartsWith("--operator must be NAME:HASH", noHash, StringComparison.Ordinal);
        Assert.False(OperatorAccount.TryParse("Server:" + hash, out _, out var reserved));
        Assert.StartsWith("--operator Server:", reserved, StringComparison.Ordinal);
        Assert.False(OperatorAccount.TryParse("alice:plaintext", out _, out var plain));
        Assert.StartsWith("--operator alice: a password hash has the form", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashPasswordPrintsAHashOfThePasswordReadFromStandardInput()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await ServerCommandLine.RunAsync(["hash-password"], output, error, new StringReader("correct horse\n")).WithTimeout();

        Assert.Equal(0, exitCode);
        var hash = output.ToString().Trim();
        Assert.StartsWith($"pbkdf2-sha256${PasswordHash.DefaultIterations}$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("correct horse", hash));
        Assert.True(OperatorAccount.TryParse($"root:{hash}", out _, out _));
    }

    [Fact]
    public async Task HashPasswordRefusesAPasswordThatBreaksTheRules()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await ServerCommandLine.RunAsync(["hash-password"], output, error, new StringReader("short\n")).WithTimeout();

        Assert.Equal((1, string.Empty), (exitCode, output.ToString()));
        Assert.Equal("A password needs at least 8 characters. Nothing was hashed.", error.ToString().Trim());
    }

    [Fact]
    public async Task TheCommandLineRefusesAnOperatorWithoutAHash()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await ServerCommandLine.RunAsync(["--history", "memory", "--port", "0", "--operator", "alice:secret"], output, error, TextReader.Null).WithTimeout();

        Assert.Equal(1, exitCode);
        Assert.StartsWith("--operator alice: a password hash has the form pbkdf2-sha256$<iterations>$<salt>$<hash>", error.ToString(), StringComparison.Ordinal);
    }
}
