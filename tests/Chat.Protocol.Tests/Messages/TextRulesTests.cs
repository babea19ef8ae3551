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

    [Theory]
    [InlineData("thumbs up 👍🏽")]                                // a skin-tone modifier
    [InlineData("family 👨‍👩‍👧‍👦")]                                  // joined by U+200D
    [InlineData("kiss 👩‍❤️‍💋‍👨")]                                    // joiners and a variation selector
    [InlineData("rainbow flag 🏳️‍🌈")]
    [InlineData("flags 🇫🇷🇯🇵🇧🇷")]                              // regional indicator pairs
    [InlineData("England 🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F")] // a tag sequence
    [InlineData("keycap 1\uFE0F\u20E3")]                          // an enclosing mark
    [InlineData("café, naïve, Ångström, tiếng Việt")]
    [InlineData("हिन्दी, தமிழ், ไทย")]                                   // marks of other scripts
    [InlineData("שָׁלוֹם")]                                        // Hebrew points: three marks on one letter
    [InlineData("the file \u2067ملف.txt\u2069 is here")]         // Arabic in an isolate
    [InlineData("mixed \u2068English عربي\u2069 and \u2066left\u2069")]
    [InlineData("nested \u2067a \u2066b\u2069 c\u2069 end")]
    [InlineData("embedded \u202Bعربي\u202C and back")]           // an embedding closed again
    [InlineData("marks \u200E and \u200F and \u061C")]             // direction marks open nothing
    [InlineData("zero\u200Bwidth space and non\u200Cjoiner")]
    [InlineData("private use \uE000 and \U000F0000")]
    [InlineData("eight marks e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308")]
    public void TextThatNeedsJoinersMarksAndIsolatesIsAllowed(string text) =>
        Assert.Equal(TextProblem.None, TextRules.Check(text, 1000));

    [Theory]
    [InlineData("rtl \u202Egnp.exe")]                              // the right-to-left override of the issue
    [InlineData("\u202Dleft override")]
    [InlineData("embedding \u202Aleft")]
    [InlineData("embedding \u202Bright")]
    [InlineData("isolate \u2066left")]
    [InlineData("isolate \u2067right")]
    [InlineData("first strong \u2068isolate")]
    [InlineData("close only \u202C")]                              // closes what was never opened
    [InlineData("close only \u2069")]
    [InlineData("two opened \u2067a \u2067b\u2069 one closed")]
    [InlineData("crossed \u2067a \u202Bb\u2069 c\u202C")]         // an isolate closed over an open embedding
    [InlineData("wrong close \u202Ea\u2069")]
    [InlineData("wrong close \u2066a\u202C")]
    public void DirectionControlsLeftOpenOrClosedWithoutOpeningAreRefused(string text) =>
        Assert.Equal(TextProblem.UnbalancedDirectionControl, TextRules.Check(text, 1000));

    [Fact]
    public void DirectionControlsMayNestOnlySoDeep()
    {
        var deep = new string('\u2066', TextRules.MaxDirectionNesting) + "x" + new string('\u2069', TextRules.MaxDirectionNesting);
        var deeper = new string('\u2066', TextRules.MaxDirectionNesting + 1) + "x" + new string('\u2069', TextRules.MaxDirectionNesting + 1);

        Assert.Equal(TextProblem.None, TextRules.Check(deep, 1000));
        Assert.Equal(TextProblem.UnbalancedDirectionControl, TextRules.Check(deeper, 1000));
    }

    [Theory]
    [InlineData("line\u2028separator")]
    [InlineData("paragraph\u2029separator")]
    public void LineAndParagraphSeparatorsAreRefused(string text) =>
        Assert.Equal(TextProblem.LineSeparator, TextRules.Check(text, 1000));

    [Theory]
    [InlineData("\uFDD0")]
    [InlineData("\uFDEF")]
    [InlineData("\uFFFE")]
    [InlineData("\uFFFF")]
    [InlineData("\U0001FFFE")]
    [InlineData("\U0001FFFF")]
    [InlineData("\U0010FFFF")]
    [InlineData("\U000EFFFE")]
    public void NoncharactersAreRefused(string noncharacter) =>
        Assert.Equal(TextProblem.Noncharacter, TextRules.Check("a " + noncharacter + " b", 1000));

    [Fact]
    public void NeighboursOfNoncharactersAreAllowed()
    {
        Assert.Equal(TextProblem.None, TextRules.Check("\uFDCF \uFDF0 \uFFFD \U0001FFFD \U00020000", 1000));
    }

    [Fact]
    public void MoreThanTheBoundOfCombiningMarksOnOneCharacterIsRefused()
    {
        var marks = string.Concat(Enumerable.Range(0, TextRules.MaxCombiningMarks).Select(i => (char)(0x0300 + i)));

        Assert.Equal(TextProblem.None, TextRules.Check("a" + marks + " b" + marks, 1000));
        Assert.Equal(TextProblem.TooManyCombiningMarks, TextRules.Check("a" + marks + "\u0301", 1000));
        Assert.Equal(TextProblem.TooManyCombiningMarks, TextRules.Check("zalgo o" + new string('\u0336', 3000), 10_000));
        Assert.Equal(TextProblem.TooManyCombiningMarks, TextRules.Check(marks + "\u20DD", 1000)); // marks with no base count too
    }

    [Fact]
    public void JoinersDoNotResetTheCountOfMarks()
    {
        var four = "\u0300\u0301\u0302\u0303";
        var five = four + "\u0304";

        Assert.Equal(TextProblem.TooManyCombiningMarks, TextRules.Check("a" + four + "\u200D" + five, 1000));
        Assert.Equal(TextProblem.None, TextRules.Check("a" + four + "\u200Db" + five, 1000));
    }

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
        foreach (var problem in Enum.GetValues<TextProblem>().Where(p => p != TextProblem.None))
        {
            var text = TextRules.Describe(problem, 10);
            Assert.EndsWith(".", text);
            Assert.NotEqual("The message is not allowed.", text);
        }
    }
}
