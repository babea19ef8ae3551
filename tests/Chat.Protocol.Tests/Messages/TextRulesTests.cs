namespace Chat.Protocol.Tests.Messages;

public class TextRulesTests
{
    [Theory]
    [InlineData("hello", TextProblem.None)]
    [InlineData("grüße 👋🏽", TextProblem.None)]
    [InlineData("", TextProblem.Empty)]
    [InlineData("   ", TextProblem.Empty)]
    [InlineData(null, TextProblem.Empty)]
    [InlineData("two\nlines", TextProblem.ControlCharacter)]
    [InlineData("escape \u001b[31m", TextProblem.ControlCharacter)]
    [InlineData("tab\there", TextProblem.ControlCharacter)]
    [InlineData("del \u007f", TextProblem.ControlCharacter)]
    [InlineData("c1 \u0085", TextProblem.ControlCharacter)]
    public void ChecksEveryRule(string? text, TextProblem expected) => Assert.Equal(expected, TextRules.Check(text, 100));

    [Fact]
    public void ALoneSurrogateIsBrokenUnicode()
    {
        // Built at run time: an attribute argument cannot hold a lone surrogate.
        Assert.Equal(TextProblem.ControlCharacter, TextRules.Check("lone " + (char)0xD800 + " surrogate", 100));
        Assert.Equal(TextProblem.ControlCharacter, TextRules.Check("end " + (char)0xDC00, 100));
    }

    [Fact]
    public void LengthCountsUnicodeScalarValuesNotUtf16Units()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 5)); // 10 UTF-16 units, 5 scalar values
        Assert.Equal(TextProblem.None, TextRules.Check(emoji, 5));
        Assert.Equal(TextProblem.TooLong, TextRules.Check(emoji, 4));
    }

    [Fact]
    public void EveryProblemIsDescribedInWords()
    {
        Assert.Equal(string.Empty, TextRules.Describe(TextProblem.None, 10));
        Assert.Equal("The message is too long: at most 10 characters are allowed.", TextRules.Describe(TextProblem.TooLong, 10));
        Assert.EndsWith(".", TextRules.Describe(TextProblem.ControlCharacter, 10));
        Assert.EndsWith(".", TextRules.Describe(TextProblem.Empty, 10));
    }
}
