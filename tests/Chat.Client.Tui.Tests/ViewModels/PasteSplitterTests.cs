using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

public class PasteSplitterTests
{
    [Theory]
    [InlineData("bp one\nbp two\nbp three")]
    [InlineData("bp one\r\nbp two\r\nbp three\r\n")]
    [InlineData("bp one\rbp two\rbp three")]
    public void EveryLineOfTextBecomesALine(string paste) =>
        Assert.Equal(["bp one", "bp two", "bp three"], PasteSplitter.Split(paste, 4000));

    [Fact]
    public void BlankLinesAreLeftOutAndTabsBecomeSpaces() =>
        Assert.Equal(["a", "    indented", "b"], PasteSplitter.Split("a\n\n   \n\tindented\nb\n\n", 4000));

    [Fact]
    public void OtherControlCharactersAreRemoved() =>
        Assert.Equal(["bell here", "esc"], PasteSplitter.Split("bell\a here\n\u001besc", 4000));

    [Fact]
    public void ALongLineIsCutAtSpacesIntoPiecesTheServerAccepts()
    {
        var words = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"word{i:000}"));

        var lines = PasteSplitter.Split(words, 100);

        Assert.All(lines, l => Assert.InRange(l.Length, 1, 100));
        Assert.Equal(words, string.Join(' ', lines));
        Assert.All(lines, l => Assert.StartsWith("word", l, StringComparison.Ordinal));
    }

    [Fact]
    public void ALongLineWithoutSpacesIsCutBetweenCharactersNeverInsideOne()
    {
        var family = "👨‍👩‍👧"; // 5 scalar values, one text element
        var text = string.Concat(Enumerable.Repeat(family, 10));

        var lines = PasteSplitter.Split(text, 12);

        Assert.All(lines, l => Assert.Equal(0, l.Replace(family, string.Empty, StringComparison.Ordinal).Length));
        Assert.Equal(text, string.Concat(lines));
        Assert.All(lines, l => Assert.True(l.EnumerateRunes().Count() <= 12));
    }

    [Fact]
    public void TheLimitCountsScalarValuesNotUtf16Units()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 10)); // 10 scalar values, 20 UTF-16 units
        Assert.Equal([text], PasteSplitter.Split(text, 10));
    }

    [Fact]
    public void NothingButWhiteSpaceGivesNoLines() => Assert.Empty(PasteSplitter.Split(" \n\t\r\n ", 4000));

    [Theory]
    [InlineData("one line", false)]
    [InlineData("one line\n", false)]
    [InlineData("one\ntwo", true)]
    [InlineData("one\rtwo", true)]
    public void KnowsAMultiLinePaste(string text, bool multi) => Assert.Equal(multi, PasteSplitter.IsMultiLine(text));

    [Fact]
    public void FortyLinesStayForty()
    {
        var paste = string.Join('\n', Enumerable.Range(1, 40).Select(i => $"line {i} of the paste"));
        Assert.Equal(40, PasteSplitter.Split(paste, 4000).Count);
    }
}
