namespace Chat.Protocol.Tests;

/// <summary>The rule a registered name's password follows, as the client checks it before sending and the server enforces it.</summary>
public class NamePasswordRulesTests
{
    [Theory]
    [InlineData("12345678")]
    [InlineData("correct horse battery staple")]
    [InlineData("zoë été 🙂🙂")]
    public void APasswordOfEightToTwoHundredFiftySixCharactersWithoutControlsIsFine(string password) =>
        Assert.Null(NamePasswordRules.Check(password));

    [Fact]
    public void CharactersAreCountedAsUnicodeScalarValuesNotUtf16Units()
    {
        // Four emoji are eight UTF-16 units but four characters: too short, as the server counts them.
        Assert.Equal("A password needs at least 8 characters.", NamePasswordRules.Check("🙂🙂🙂🙂"));
        Assert.Null(NamePasswordRules.Check(string.Concat(Enumerable.Repeat("🙂", 256))));
        Assert.Equal("A password may have at most 256 characters.", NamePasswordRules.Check(string.Concat(Enumerable.Repeat("🙂", 257))));
    }

    [Theory]
    [InlineData("tab\tpassword")]
    [InlineData("escape\u001b[2J")]
    [InlineData("delete\u007fpassword")]
    public void AControlCharacterIsRefused(string password) =>
        Assert.Equal("A password may not hold control characters (line breaks, tabs, escapes).", NamePasswordRules.Check(password));
}
