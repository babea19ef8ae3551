using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;

namespace Chat.Client.Tui.Tests.Views;

public class LineWrapperTests
{
    private static readonly DateTime Noon = new(2026, 1, 2, 12, 0, 0, DateTimeKind.Local);

    private static List<string> Rows(string text, int width)
    {
        var log = new MessageLog();
        log.Add(new LogLine(LogKind.Message, Noon, "bob", text));
        using var source = new MessageLogSource(log, width);
        return Enumerable.Range(0, source.Count).Select(source.RowText).ToList();
    }

    [Fact]
    public void ShortLineIsOneRow() => Assert.Equal(["12:00 <bob> hi"], Rows("hi", 40));

    [Fact]
    public void WrapsAtSpacesAndIndentsUnderTheText()
    {
        Assert.Equal(
            ["12:00 <bob> one two three ", "            four five"],
            Rows("one two three four five", 26));
    }

    [Fact]
    public void BreaksAWordLongerThanTheRow()
    {
        var rows = Rows(new string('x', 30), 24);
        Assert.Equal(["12:00 <bob> xxxxxxxxxxxx", "            xxxxxxxxxxxx", "            xxxxxx"], rows);
    }

    [Fact]
    public void WideCharactersCountTwoColumnsAndAreNeverSplit()
    {
        // 12 columns of prefix leave 13 on a 25-column row: six CJK characters (12 columns), not seven.
        var rows = Rows("日本語漢字日本語", 25);
        Assert.Equal(["12:00 <bob> 日本語漢字日", "            本語"], rows);
        Assert.All(rows, r => Assert.True(Terminal.Gui.Text.StringExtensions.GetColumns(r) <= 25, r));
    }

    [Fact]
    public void EmojiTakeTwoColumns()
    {
        var rows = Rows("👍👍👍👍👍👍👍👍", 25);
        Assert.Equal(["12:00 <bob> 👍👍👍👍👍👍", "            👍👍"], rows);
    }

    [Fact]
    public void ANarrowViewDropsTheIndent()
    {
        var rows = Rows("abcdefghij", 16);
        Assert.Equal(["12:00 <bob> abcd", "efghij"], rows);
    }

    [Fact]
    public void RewrapsForANewWidthAndFindsLinesByRow()
    {
        var log = new MessageLog();
        log.Add(new LogLine(LogKind.Message, Noon, "bob", "one two three four five six"));
        log.Add(new LogLine(LogKind.Message, Noon, "bob", "second"));
        using var source = new MessageLogSource(log, 80);
        Assert.Equal(2, source.Count);
        source.SetWidth(20);
        Assert.True(source.Count > 2);
        Assert.Equal(1, source.LineAt(source.Count - 1));
        Assert.Equal(source.Count - 1, source.FirstRowOf(1));
    }
}
