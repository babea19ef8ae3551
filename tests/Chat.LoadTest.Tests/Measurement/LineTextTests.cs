using Chat.LoadTest.Measurement;
using Chat.Protocol;

namespace Chat.LoadTest.Tests.Measurement;

public class LineTextTests
{
    [Theory]
    [InlineData(0, 0, LineText.MinLength)]
    [InlineData(1234, 42, 80)]
    [InlineData(7, 1, 17)]
    [InlineData(LineText.MaxTag, LineText.MaxSequence, 4000)]
    public void AFormattedLineParsesBackToItsSequence(int tag, int sequence, int length)
    {
        var text = LineText.Format(tag, sequence, length);

        Assert.True(LineText.TryParse(text, tag, out var parsed));
        Assert.Equal(sequence, parsed);
    }

    [Fact]
    public void ThePrefixCarriesTheTagAndSequenceAtFixedPositions()
    {
        var text = LineText.Format(42, 1234, 40);

        Assert.StartsWith("#0042-000001234 ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLengthIsPaddedExactlyWithReadableTextThatDoesNotEndInASpace()
    {
        // Past twice the filler's length, so that it wraps around at least once.
        for (var length = LineText.PrefixLength + 1; length <= 300; length++)
        {
            var text = LineText.Format(9, 5, length);

            Assert.Equal(length, text.Length);
            Assert.NotEqual(' ', text[^1]);
            Assert.True(text.All(char.IsAscii), $"length {length}: not ASCII");
            Assert.Equal(TextProblem.None, TextRules.Check(text, length));
            Assert.True(LineText.TryParse(text, 9, out var sequence) && sequence == 5, $"length {length} does not parse");
        }
    }

    [Fact]
    public void ThePaddingIsTheSameForEveryLineOfOneLength()
    {
        var first = LineText.Format(1, 0, 120);
        var other = LineText.Format(2, 999, 120);

        Assert.Equal(first[LineText.PrefixLength..], other[LineText.PrefixLength..]);
    }

    [Fact]
    public void AnotherRunsTagIsNotThisRunsLine()
    {
        var text = LineText.Format(1000, 7, 80);

        Assert.False(LineText.TryParse(text, 1001, out _));
        Assert.False(LineText.TryParse(text, 0, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello everyone")]
    [InlineData("#1000-000000007")]                  // one short of the prefix
    [InlineData("x1000-000000007 padding")]          // no '#'
    [InlineData("#1000_000000007 padding")]          // no '-'
    [InlineData("#1000-000000007_padding")]          // no space after the sequence
    [InlineData("#10a0-000000007 padding")]          // a letter in the tag
    [InlineData("#1000-0000x0007 padding")]          // a letter in the sequence
    [InlineData("#1000-00000000/ padding")]          // the character before '0'
    [InlineData("#1000-00000000: padding")]          // the character after '9'
    [InlineData("#1000- 00000007 padding")]          // a space among the digits
    [InlineData("#1000-+00000007 padding")]          // a sign
    [InlineData("#１000-000000007 padding")]         // a full-width digit
    public void MalformedTextIsNotALine(string text)
    {
        Assert.False(LineText.TryParse(text, 1000, out var sequence));
        Assert.Equal(0, sequence);
    }

    [Theory]
    [InlineData(0, 0, LineText.MinLength)]
    [InlineData(1234, 42, 80)]
    [InlineData(LineText.MaxTag, LineText.MaxSequence, 4000)]
    public void TheUtf8BytesOfALineParseBackToItsSequence(int tag, int sequence, int length)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(LineText.Format(tag, sequence, length));

        Assert.True(LineText.TryParse(bytes, tag, out var parsed));
        Assert.Equal(sequence, parsed);
        Assert.False(LineText.TryParse(bytes, tag == 0 ? 1 : tag - 1, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello everyone")]
    [InlineData("#1000-000000007")]
    [InlineData("x1000-000000007 padding")]
    [InlineData("#1000_000000007 padding")]
    [InlineData("#1000-000000007_padding")]
    [InlineData("#10a0-000000007 padding")]
    [InlineData("#1000-0000x0007 padding")]
    [InlineData("#1000-00000000/ padding")]
    [InlineData("#1000-00000000: padding")]
    [InlineData("#1000- 00000007 padding")]
    [InlineData("#1000-+00000007 padding")]
    [InlineData("#１000-000000007 padding")]         // a full-width digit: three bytes, none of them a digit
    [InlineData("#1000-00000007\u00e9 padding")]     // a two-byte letter among the digits
    public void MalformedUtf8IsNotALine(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);

        Assert.False(LineText.TryParse(bytes, 1000, out var sequence));
        Assert.Equal(0, sequence);
    }

    [Fact]
    public void BothOverloadsAgreeOnEveryPrefixOfALine()
    {
        var text = LineText.Format(1000, 123_456_789, 40);
        for (var length = 0; length <= text.Length; length++)
        {
            var cut = text[..length];
            var fromString = LineText.TryParse(cut, 1000, out var a);
            var fromBytes = LineText.TryParse(System.Text.Encoding.ASCII.GetBytes(cut), 1000, out var b);

            Assert.Equal(fromString, fromBytes);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void TextAfterThePrefixDoesNotMatter()
    {
        Assert.True(LineText.TryParse("#1000-000000007 anything at all, any length", 1000, out var sequence));
        Assert.Equal(7, sequence);
    }

    [Theory]
    [InlineData(-1, 0, 80)]
    [InlineData(LineText.MaxTag + 1, 0, 80)]
    [InlineData(0, -1, 80)]
    [InlineData(0, LineText.MaxSequence + 1, 80)]
    [InlineData(0, 0, LineText.PrefixLength)] // the prefix alone would end in a space
    public void FormatRefusesWhatThePrefixCannotCarry(int tag, int sequence, int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LineText.Format(tag, sequence, length));
    }
}
