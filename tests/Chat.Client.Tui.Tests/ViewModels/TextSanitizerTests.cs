using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

public class TextSanitizerTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("日本語 👍 é", "日本語 👍 é")]
    [InlineData("", "")]
    public void CleanTextIsUnchanged(string input, string expected) => Assert.Equal(expected, TextSanitizer.Sanitize(input));

    [Theory]
    [InlineData("\u001b[2Jcleared", "cleared")]
    [InlineData("a\u001b[31;1mred\u001b[0m b", "ared b")]
    [InlineData("\u001b[10;20Hmoved", "moved")]
    [InlineData("\u001b]0;evil title\u0007after", "after")]
    [InlineData("\u001b]0;evil title\u001b\\after", "after")]
    [InlineData("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "link")]
    [InlineData("\u001bPdevice control\u001b\\ok", "ok")]
    [InlineData("\u001bcreset", "reset")]
    [InlineData("\u001b(Bcharset", "charset")]
    [InlineData("\u009b2Jc1 csi", "c1 csi")]
    [InlineData("\u009d0;title\u009cc1 osc", "c1 osc")]
    [InlineData("\u001b]0;never terminated", "")]
    public void EscapeSequencesAreRemovedWhole(string input, string expected) => Assert.Equal(expected, TextSanitizer.Sanitize(input));

    [Theory]
    [InlineData("bell\u0007", "bell\u2407")]
    [InlineData("line\nbreak\r", "line\u240Abreak\u240D")]
    [InlineData("nul\0", "nul\u2400")]
    [InlineData("del\u007f", "del\u2421")]
    [InlineData("tab\there", "tab here")]
    [InlineData("c1\u0085", "c1\uFFFD")]
    [InlineData("sep\u2028x", "sep x")]
    public void OtherControlCharactersBecomeVisible(string input, string expected) => Assert.Equal(expected, TextSanitizer.Sanitize(input));

    [Theory]
    [InlineData("\u202Eevil\u202C", "evil")]
    [InlineData("a\u2066b\u2069c", "abc")]
    [InlineData("x\u202Ay\u202Bz\u202Dw", "xyzw")]
    public void BidiOverridesAreRemoved(string input, string expected) => Assert.Equal(expected, TextSanitizer.Sanitize(input));

    [Fact]
    public void BrokenSurrogatesBecomeReplacementCharacters() =>
        Assert.Equal("a\uFFFDb\uFFFD", TextSanitizer.Sanitize("a\uD800b\uDC00"));

    [Fact]
    public void NothingPrintedCanReachTheTerminalAsControl()
    {
        var hostile = string.Concat(Enumerable.Range(0, 0xA0).Select(c => (char)c)) + "\u202E\u2066";
        var safe = TextSanitizer.Sanitize(hostile);
        Assert.DoesNotContain(safe, c => char.IsControl(c) || c is '\u202E' or '\u2066');
    }
}
