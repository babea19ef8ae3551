namespace Chat.Server.Tests.Hosting;

public class LogTextTests
{
    [Theory]
    [InlineData("Chat.Client.Tui", "Chat.Client.Tui")]
    [InlineData("evil\u001b[2Jclient", @"evil\u001B[2Jclient")]
    [InlineData("line\nbreak", @"line\u000Abreak")]
    [InlineData("bell\u0007 del\u007f c1\u009b", @"bell\u0007 del\u007F c1\u009B")]
    [InlineData(null, "")]
    public void ControlCharactersNeverReachTheOperatorsTerminal(string? text, string expected) =>
        Assert.Equal(expected, LogText.Clean(text));

    [Theory]
    [InlineData("rtl \u202Egnp.exe", @"rtl \u202Egnp.exe")]
    [InlineData("zero\u200Bwidth", @"zero\u200Bwidth")]
    [InlineData("joiner\u200D and \u2066isolate\u2069", @"joiner\u200D and \u2066isolate\u2069")]
    [InlineData("soft\u00ADhyphen", @"soft\u00ADhyphen")]
    [InlineData("line\u2028separator\u2029", @"line\u2028separator\u2029")]
    [InlineData("no-break\u00A0space\u3000ideographic", @"no-break\u00A0space\u3000ideographic")]
    [InlineData("non\uFFFFchar \uFDD0 \uFFFD", @"non\uFFFFchar \uFDD0 \uFFFD")]
    [InlineData("private \uE000 tag \U000E0041", @"private \uE000 tag \U000E0041")]
    public void InvisibleAndDirectionCharactersAreShownAsEscapes(string text, string expected) =>
        Assert.Equal(expected, LogText.Clean(text));

    [Theory]
    [InlineData("café 👍🏽 עברית", "café 👍🏽 עברית")]
    [InlineData(@"C:\path \u202E", @"C:\\path \\u202E")]       // a client's own backslashes are doubled
    public void VisibleTextIsKeptAndBackslashesCannotForgeAnEscape(string text, string expected) =>
        Assert.Equal(expected, LogText.Clean(text));

    [Fact]
    public void LongTextIsShortened() =>
        Assert.Equal(new string('a', 10) + "…", LogText.Clean(new string('a', 100), 10));

    [Fact]
    public void EscapesCountTowardsTheLengthAndAreNeverCut()
    {
        var cleaned = LogText.Clean("ab" + new string('\u200B', 50), 16);

        Assert.Equal(@"ab\u200B\u200B…", cleaned);
    }

    [Fact]
    public void ASurrogatePairIsNeverCutInHalf()
    {
        var cleaned = LogText.Clean("a😀😀", 2);

        Assert.Equal("a…", cleaned);
    }
}
